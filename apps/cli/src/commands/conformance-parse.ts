import { readFile } from 'node:fs/promises';
import { NormalisedFeed, NormalisedItem, parseFeed } from '@pharma-radar/ingest-feeds';

const MAX_ITEMS = 10_000;

export interface ParseRequest {
  file: string;
  contentType?: string;
  url?: string;
}

/** The part of a parse result the conformance checks read (small enough to post from a worker). */
export type Parsed =
  | { ok: false; code: string; message: string }
  | {
      ok: true;
      format: string;
      feed: NormalisedFeed;
      items: Pick<NormalisedItem, 'guid' | 'title' | 'link' | 'published' | 'updated' | 'summary' | 'content' | 'authors' | 'categories'>[];
      warnings: string[];
    };

/** Reads and parses one file; rejects only when the parser itself threw (the command counts that as a crash). */
export async function parseCorpusFile(req: ParseRequest): Promise<Parsed> {
  const bytes = await readFile(req.file);
  // The item limit is ingest's policy, not parsing: the corpus is read up to the parser's hard maximum.
  const r = await parseFeed(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { contentType: req.contentType, url: req.url, maxItems: MAX_ITEMS });
  if (!r.ok) {
    // parseFeed turns an exception of its own code into this result: for conformance that is still a crash.
    if (r.error.message.startsWith('parser failed:')) throw new Error(r.error.message);
    return { ok: false, code: r.error.code, message: r.error.message };
  }
  return {
    ok: true,
    format: r.format,
    feed: r.feed,
    items: r.items.map(({ guid, title, link, published, updated, summary, content, authors, categories }) => ({
      guid, title, link, published, updated, summary, content, authors, categories,
    })),
    warnings: r.warnings,
  };
}
