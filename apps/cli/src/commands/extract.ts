import { open, stat } from 'node:fs/promises';
import { Article, MAX_ARTICLE_HTML, extractArticle } from '@pharma-radar/ingest-extract';
import { UrlPolicy, safeFetch } from '@pharma-radar/ingest-fetch';

// Bytes read from a file or accepted from a server: a page larger than this is refused, not cut (a cut page extracts
// a different article). The extractor itself looks at no more than MAX_ARTICLE_HTML characters.
export const MAX_PAGE_BYTES = MAX_ARTICLE_HTML;
const ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

type Line = {
  input: string;
  ok: boolean;
  error?: { code: string; message: string };
  title: string | null;
  text: string;
  published?: string;
  authors?: string[];
};

function failed(input: string, code: string, message: string): Line {
  return { input, ok: false, error: { code, message }, title: null, text: '' };
}

function fromArticle(input: string, a: Article): Line {
  const line: Line = { input, ok: true, title: a.title, text: a.text };
  if (a.published) line.published = a.published;
  if (a.authors.length) line.authors = a.authors;
  return line;
}

async function fromUrl(input: string, policy: UrlPolicy): Promise<Line> {
  const res = await safeFetch(input, { policy, maxBytes: MAX_PAGE_BYTES, accept: ACCEPT });
  if (!res.ok) return failed(input, res.code, res.message);
  const type = res.headers['content-type'] ?? '';
  if (type && !/html|xml|text\/plain/i.test(type)) return failed(input, 'NOT_HTML', `content type ${type.slice(0, 100)} is not a page`);
  return fromArticle(input, extractArticle(res.body, { contentType: type }));
}

async function fromFile(input: string): Promise<Line> {
  try {
    const s = await stat(input);
    if (!s.isFile()) return failed(input, 'INPUT_NOT_A_FILE', 'not a regular file');
    if (s.size > MAX_PAGE_BYTES) return failed(input, 'INPUT_TOO_LARGE', `file is ${s.size} bytes, limit ${MAX_PAGE_BYTES}`);
    // Read at most the cap even if the file grows between stat and read.
    const fh = await open(input, 'r');
    try {
      const buf = Buffer.alloc(s.size);
      const { bytesRead } = await fh.read(buf, 0, s.size, 0);
      return fromArticle(input, extractArticle(buf.subarray(0, bytesRead)));
    } finally {
      await fh.close();
    }
  } catch (e) {
    return failed(input, 'INPUT_UNREADABLE', (e as NodeJS.ErrnoException).code ?? 'cannot read file');
  }
}

// "scheme:" of two letters or more: one letter would be a drive ("C:"), and a plain path has no colon before a slash.
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]+):/;

/**
 * `pharma-radar extract <file.html|url>...`: one JSON line per input, in input order, whatever happens to the others:
 * `{"input","ok","error"?,"title","text","published"?,"authors"?}`. URLs go through safeFetch with the ingest policy
 * (internal addresses refused unless allowed); any scheme but http(s) is refused, never read as a file.
 * Returns 0 when at least one input was extracted, 1 when every input failed.
 */
export async function extractCommand(inputs: string[], write: (line: string) => void, opts: { policy?: UrlPolicy } = {}): Promise<number> {
  let extracted = 0;
  for (const input of inputs) {
    let line: Line;
    try {
      const scheme = SCHEME.exec(input)?.[1].toLowerCase();
      if (scheme === 'http' || scheme === 'https') line = await fromUrl(input, opts.policy ?? {});
      else if (scheme) line = failed(input, 'URL_SCHEME', `scheme ${scheme}: not allowed (http and https only)`);
      else line = await fromFile(input);
    } catch (e) {
      line = failed(input, 'INTERNAL', e instanceof Error ? e.message : 'unexpected failure');
    }
    if (line.ok) extracted++;
    write(JSON.stringify(line));
  }
  return extracted > 0 ? 0 : 1;
}
