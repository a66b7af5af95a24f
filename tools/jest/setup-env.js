// Tests log only when asked (LOG_LEVEL=debug npx jest ...): failures, not chatter, should fill the output.
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL || 'silent';
