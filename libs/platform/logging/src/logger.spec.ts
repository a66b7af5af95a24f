import { Writable } from 'node:stream';
import { withCorrelation } from './correlation';
import { configureLogging, getLogger } from './logger';

function capture(): { lines: Array<Record<string, unknown>>; stream: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { lines, stream };
}

describe('getLogger', () => {
  it('should print the correlation id and context when logging inside a correlation scope', () => {
    const { lines, stream } = capture();
    configureLogging({ service: 'test', level: 'info', destination: stream });
    withCorrelation('corr-123', () => getLogger('FeedPoller').info('polled', { feed: 'f1' }));
    expect(lines[0]).toMatchObject({ msg: 'polled', context: 'FeedPoller', correlationId: 'corr-123', feed: 'f1', service: 'test', level: 'info' });
  });

  it('should mask secrets in fields when they are logged', () => {
    const { lines, stream } = capture();
    configureLogging({ service: 'test', level: 'info', destination: stream });
    getLogger('X').warn('delivery failed', { webhook: 'https://hooks.slack.com/services/T/B/C', to: 'bob@corp.example' });
    expect(JSON.stringify(lines[0])).not.toContain('hooks.slack.com/services/T/B/C');
    expect(lines[0].to).toBe('b***@corp.example');
  });
});
