import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/** The browser files of the dashboard (libs/dashboard/web/public): HTML shells, scripts and styles, never data. */
const WEB_DIR = join('libs', 'dashboard', 'web', 'public');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface Asset {
  body: Buffer;
  type: string;
}

/**
 * The folder is found from this file upwards: from the sources (ts-node, jest), from dist/ and in the image, where
 * the Dockerfile copies it beside dist/.
 */
export function findWebDir(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, WEB_DIR);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`dashboard web assets not found above ${from} (${WEB_DIR})`);
  }
}

/** Every file read once at start into a fixed map: a request names a file of the map or gets a 404, never a path. */
export function loadAssets(dir = findWebDir()): Map<string, Asset> {
  const out = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type && /^[a-z0-9-]+\.[a-z]+$/.test(name)) out.set(name, { body: readFileSync(join(dir, name)), type });
  }
  return out;
}
