import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envExample } from './env-example';

describe('.env.example', () => {
  it('should match the config schemas when regenerated (run `npm run gen:env` after changing a schema)', () => {
    const committed = readFileSync(join(__dirname, '../../../../.env.example'), 'utf8');
    expect(committed).toBe(envExample());
  });
});
