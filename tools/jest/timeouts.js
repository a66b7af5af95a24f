// Per-tier test timeouts: Jest's testTimeout is global, so each tier sets its own here.
const byTier = { unit: 10_000, integration: 60_000, e2e: 120_000 };
jest.setTimeout(byTier[globalThis.JEST_TIER] ?? 10_000);
