import { readFile, stat } from 'node:fs/promises';
import { FetchResult, UrlPolicy, safeFetch } from '@pharma-radar/ingest-fetch';
import { FeedParseResult, parseFeed } from '@pharma-radar/ingest-feeds';

// Files are read whole; a feed file larger than the fetcher would ever download is refused, not parsed.
const MAX_FILE_BYTES = 16 * 1024 * 1024;

type Line = {
  input: string;
  ok: boolean;
  error?: { code: string; message: string };
  feed: { title: string | null; link: string | null; description: string | null; language: string | null } | null;
  items: {
    id: string;
    title: string;
    link: string | null;
    published: string | null;
    updated: string | null;
    summary: string | null;
    content: string | null;
    authors: string[];
    categories: string[];
  }[];
};

function failed(input: string, code: string, message: string): Line {
  return { input, ok: false, error: { code, message }, feed: null, items: [] };
}

function fromParse(input: string, r: FeedParseResult): Line {
  if (!r.ok) return failed(input, r.error.code, r.error.message);
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
 * `pharma-radar parse-feed <file|url>...`: one JSON line per input, in input order, whatever happens to the others.
 * URLs go through safeFetch, so internal addresses are refused unless the policy allows them.
 * Returns 0 when every input parsed, 1 when any failed.
 */
export async function parseFeedCommand(inputs: string[], write: (line: string) => void, opts: { policy?: UrlPolicy } = {}): Promise<number> {
  let code = 0;
  for (const input of inputs) {
    let line: Line;
    try {
      line = /^https?:\/\//i.test(input) ? await fromUrl(input, opts.policy ?? {}) : await fromFile(input);
    } catch (e) {
      line = failed(input, 'INTERNAL', e instanceof Error ? e.message : 'unexpected failure');
    }
    if (!line.ok) code = 1;
    write(JSON.stringify(line));
  }
  return code;
}
