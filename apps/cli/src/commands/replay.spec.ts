import { parseReplayArgs } from './replay';

describe('parseReplayArgs', () => {
  it('should read repeated and comma-separated filters and the dry-run flag', () => {
    expect(parseReplayArgs(['--topic', 'a,b', '--topic', 'c', '--reason', 'HANDLER_FAILED', '--group', 'g', '--since', '2026-12-01', '--until', '2026-12-02', '--dry-run'])).toEqual({
      topics: ['a', 'b', 'c'], reasons: ['HANDLER_FAILED'], groups: ['g'], since: '2026-12-01', until: '2026-12-02', dryRun: true,
    });
  });

  it('should default to every dead letter of the pipeline topics and a real run when no argument is given', () => {
    expect(parseReplayArgs([])).toEqual({ topics: [], reasons: [], groups: [], dryRun: false });
  });

  it.each([
    [['--topic'], '--topic needs a value'],
    [['--since', '--dry-run'], '--since needs a value'],
    [['--force'], 'unknown argument --force'],
  ])('should explain the mistake when the arguments are %j', (args, message) => {
    expect(parseReplayArgs(args)).toBe(message);
  });
});
