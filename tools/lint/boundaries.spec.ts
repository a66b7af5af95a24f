import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

/** Lints a snippet as if it were a file at `path` in the repo, and returns the rule ids reported. */
// ESLint runs as a child process: its flat config is an ES module, which Jest's VM cannot import.
async function violations(path: string, code: string): Promise<string[]> {
  let stdout: string;
  try {
    stdout = execFileSync(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', join(root, path), '--format', 'json'], {
      cwd: root,
      input: code,
      env: { ...process.env, NX_DAEMON: 'false' },
      encoding: 'utf8',
    });
  } catch (e) {
    stdout = (e as { stdout: string }).stdout;
  }
  const [result] = JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>;
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// The boundary rule silently skips itself without a project graph; build it first, as `npm run lint` does.
beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'node_modules/nx/bin/nx.js'), 'show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
}, 60_000);

describe('module boundaries', () => {
  it('should fail lint when a domain library imports NestJS', async () => {
    const out = await violations('libs/classifier/collaboration/src/__probe__.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(out.join('\n')).toMatch(/enforce-module-boundaries.*type:domain.*@nestjs\/common/);
  });

  it('should fail lint when a domain library imports kafkajs or ioredis', async () => {
    const out = await violations('libs/ingest/feeds/src/__probe__.ts', "import { Kafka } from 'kafkajs';\nimport Redis from 'ioredis';\nexport const x = [Kafka, Redis];\n");
    expect(out.filter((m) => m.includes('enforce-module-boundaries'))).toHaveLength(2);
  });

  it('should fail lint when one service scope imports another service scope', async () => {
    const out = await violations('libs/notifier/service/src/__probe__.ts', "import { classify } from '@pharma-radar/classifier-collaboration';\nexport const x = classify;\n");
    expect(out.join('\n')).toMatch(/enforce-module-boundaries.*scope:notifier/);
  });

  it('should fail lint when a library imports past another library entry point', async () => {
    const out = await violations('libs/classifier/service/src/__probe__.ts', "import { x } from '@pharma-radar/contracts/src/topics';\nexport const y = x;\n");
    expect(out.join('\n')).toMatch(/no-restricted-imports|enforce-module-boundaries/);
  });

  it('should pass lint when a feature library imports its domain library and contracts', async () => {
    const out = await violations('libs/classifier/service/src/__probe__.ts', "import { Topics } from '@pharma-radar/contracts';\nimport { classify } from '@pharma-radar/classifier-collaboration';\nexport const y = [Topics, classify];\n");
    expect(out).toEqual([]);
  });
});
