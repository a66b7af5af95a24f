import { readFile, stat } from 'node:fs/promises';
import { FetchResult, UrlPolicy, parseAllowEntry, safeFetch } from '@pharma-radar/ingest-fetch';
import { FeedParseResult, FeedWarning, NormalisedFeed, NormalisedItem, parseFeed, WarningTally } from '@pharma-radar/ingest-feeds';

// Files are read whole; a feed file larger than the fetcher would ever download is refused, not parsed.
const MAX_FILE_BYTES = 16 * 1024 * 1024;

type Line = {
  input: string;
  ok: boolean;
  error?: { code: string; message: string };
  feed: NormalisedFeed | null;
  items: Pick<NormalisedItem, 'id' | 'title' | 'link' | 'published' | 'updated' | 'summary' | 'content' | 'authors' | 'categories'>[];
  /** What parsing cut or dropped, by code (ITEMS_CUT, ITEM_DROPPED, ...): nothing is lost silently. */
  warnings: FeedWarning[];
};

function failed(input: string, code: string, message: string): Line {
  return { input, ok: false, error: { code, message }, feed: null, items: [], warnings: [] };
}

function fromParse(input: string, r: FeedParseResult): Line {
  if (!r.ok) return failed(input, r.error.code, r.error.message);
  const warnings = new WarningTally();
  warnings.addParseWarnings(r.warnings);
  return {
    input,
    ok: true,
    feed: r.feed,
    items: r.items.map((i) => ({
      id: i.id,
      title: i.title,
      link: i.link,
      published: i.published,
      updated: i.updated,
      summary: i.summary,
      content: i.content,
      authors: i.authors,
      categories: i.categories,
    })),
    warnings: warnings.list(),
  };
}

async function fromUrl(input: string, policy: UrlPolicy): Promise<Line> {
  const res: FetchResult = await safeFetch(input, { policy });
  if (!res.ok) return failed(input, res.code, res.message);
  return fromParse(input, await parseFeed(res.body, { contentType: res.headers['content-type'], url: res.url }));
}

async function fromFile(input: string): Promise<Line> {
  try {
    const s = await stat(input);
    if (!s.isFile()) return failed(input, 'INPUT_NOT_A_FILE', 'not a regular file');
    if (s.size > MAX_FILE_BYTES) return failed(input, 'FEED_TOO_LARGE', `file is ${s.size} bytes, limit ${MAX_FILE_BYTES}`);
    return fromParse(input, await parseFeed(await readFile(input)));
  } catch (e) {
    return failed(input, 'INPUT_UNREADABLE', (e as NodeJS.ErrnoException).code ?? 'cannot read file');
  }
}

/**
 * Arguments of `parse-feed`: inputs, and the hosts a URL may reach although private, as `--allow-host host:port` and
 * INGEST_ALLOW_PRIVATE_HOSTS (the ingest service's feed list, same form). A message when an entry is not host:port.
 */
export function parseFeedArgs(args: string[], env: NodeJS.ProcessEnv = {}): { inputs: string[]; policy: UrlPolicy } | string {
  const hosts = args.flatMap((a, i) => (args[i - 1] === '--allow-host' ? [a] : []));
  if (args[args.length - 1] === '--allow-host') return '--allow-host needs host:port';
  const fromEnv = (env['INGEST_ALLOW_PRIVATE_HOSTS'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const h of [...hosts, ...fromEnv]) {
    const entry = parseAllowEntry(h);
    if (!entry || entry.port === null) return `allowed host "${h}" is not host:port (e.g. 127.0.0.1:8080, [::1]:8080): an entry exempts one port`;
  }
  const inputs = args.filter((a, i) => a !== '--allow-host' && args[i - 1] !== '--allow-host');
  return { inputs, policy: { allowPrivateHosts: [...hosts, ...fromEnv] } };
}

// A scheme of two letters or more: "C:\feeds\x.xml" stays a file path.
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/**
 * `pharma-radar parse-feed <file|url>...`: one JSON line per input, in input order, whatever happens to the others.
 * URLs go through safeFetch, so internal addresses are refused unless the policy allows them.
 * Returns 0 when every input parsed, 1 when any failed.
 */
export async function parseFeedCommand(inputs: string[], write: (line: string) => void, opts: { policy?: UrlPolicy } = {}): Promise<number> {
  let code = 0;
  for (const input of inputs) {
    let line: Line;
    try {
      const scheme = SCHEME.exec(input)?.[1].toLowerCase();
      if (scheme === 'http' || scheme === 'https') line = await fromUrl(input, opts.policy ?? {});
      else if (scheme) line = failed(input, 'URL_SCHEME', `scheme ${scheme}: refused (http and https only; give a file as a path)`);
      else line = await fromFile(input);
    } catch (e) {
      line = failed(input, 'INTERNAL', e instanceof Error ? e.message : 'unexpected failure');
    }
    if (!line.ok) code = 1;
    write(JSON.stringify(line));
  }
  return code;
}
