/** Bytes of an HTML page to text: BOM, then the HTTP charset, then <meta charset> in the first 4 KiB, then UTF-8 (windows-1252 when invalid). */
export function decodeHtml(body: Uint8Array | string, contentType?: string): string {
  if (typeof body === 'string') return body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  const b = body;
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return decodeWith('utf-8', b.subarray(3));
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return decodeWith('utf-16le', b.subarray(2));
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return decodeWith('utf-16be', b.subarray(2));
  const label = supported(charsetOf(contentType)) ?? supported(metaCharset(b));
  if (label && label !== 'utf-8') return decodeWith(label, b);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return decodeWith(label === 'utf-8' ? 'utf-8' : 'windows-1252', b);
  }
}

function charsetOf(s: string | undefined): string | null {
  const m = s ? /charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})/i.exec(s) : null;
  return m ? m[1].toLowerCase() : null;
}

function metaCharset(b: Uint8Array): string | null {
  // The declaration is ASCII, so a latin1 view of the head finds it in any ASCII-compatible encoding.
  const head = new TextDecoder('latin1').decode(b.subarray(0, 4096));
  const m = /<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})/i.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function supported(label: string | null): string | null {
  if (!label) return null;
  try {
    const enc = new TextDecoder(label).encoding;
    // A page declaring UTF-16 without a BOM is ASCII-compatible in practice (HTML's own rule).
    return enc.startsWith('utf-16') ? 'utf-8' : enc;
  } catch {
    return null;
  }
}

function decodeWith(label: string, b: Uint8Array): string {
  return new TextDecoder(label).decode(b);
}
