export type Decoded = { ok: true; text: string; charset: string; warnings: string[] } | { ok: false; reason: string };

function charsetFromContentType(ct: string | undefined): string | null {
  const m = ct ? /charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(ct) : null;
  return m ? m[1].toLowerCase() : null;
}

function charsetFromXmlDecl(bytes: Uint8Array): string | null {
  // The declaration is ASCII by definition, so reading the first bytes as latin1 finds it in any ASCII-compatible encoding.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  const m = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1].toLowerCase() : null;
}

function tryDecoder(label: string, bytes: Uint8Array, fatal: boolean): string | null {
  try {
    return new TextDecoder(label, { fatal, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function decodeUtf32(bytes: Uint8Array, le: boolean): string {
  const parts: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const cp = view.getUint32(i, le);
    parts.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD');
  }
  return parts.join('');
}

function supported(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/**
 * Bytes to text. Order of evidence: byte order mark, then the UTF-16/32 byte pattern of "<", then the HTTP charset,
 * then the XML declaration, then UTF-8. A declared UTF-8 body with invalid bytes is re-read as windows-1252 with a warning.
 */
export function decodeBody(body: string | Uint8Array, contentType?: string): Decoded {
  if (typeof body === 'string') {
    return { ok: true, text: body.charCodeAt(0) === 0xfeff ? body.slice(1) : body, charset: 'utf-16', warnings: [] };
  }
  const b = body;
  const warnings: string[] = [];
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return { ok: false, reason: 'body is gzip-compressed, not a feed' };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { ok: true, text: decodeUtf32(b.subarray(4), true), charset: 'utf-32le', warnings };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { ok: true, text: decodeUtf32(b.subarray(4), false), charset: 'utf-32be', warnings };
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { ok: true, text: tryDecoder('utf-8', b.subarray(3), false) ?? '', charset: 'utf-8', warnings };
  }
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { ok: true, text: tryDecoder('utf-16le', b.subarray(2), false) ?? '', charset: 'utf-16le', warnings };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { ok: true, text: tryDecoder('utf-16be', b.subarray(2), false) ?? '', charset: 'utf-16be', warnings };
  if (b.length >= 4 && b[0] === 0x3c && b[1] === 0 && b[2] === 0 && b[3] === 0) return { ok: true, text: decodeUtf32(b, true), charset: 'utf-32le', warnings };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0x3c) return { ok: true, text: decodeUtf32(b, false), charset: 'utf-32be', warnings };
  // No BOM, but "<" (or whitespace) as a UTF-16 code unit: the byte pattern gives the encoding away.
  if (b.length >= 4 && b[1] === 0 && b[3] === 0 && b[0] !== 0 && b[2] !== 0) return { ok: true, text: tryDecoder('utf-16le', b, false) ?? '', charset: 'utf-16le', warnings };
  if (b.length >= 4 && b[0] === 0 && b[2] === 0 && b[1] !== 0 && b[3] !== 0) return { ok: true, text: tryDecoder('utf-16be', b, false) ?? '', charset: 'utf-16be', warnings };

  let label = charsetFromContentType(contentType);
  if (label && !supported(label)) {
    warnings.push(`unsupported charset "${label}" in Content-Type ignored`);
    label = null;
  }
  if (!label) {
    const declared = charsetFromXmlDecl(b);
    if (declared && supported(declared)) label = declared;
    else if (declared) warnings.push(`unsupported encoding "${declared}" in XML declaration ignored`);
  }
  // A body declared (or defaulting to) UTF-16 but lacking the byte pattern above is really ASCII-compatible.
  if (!label || /^utf-?16/.test(label)) label = 'utf-8';
  if (label === 'utf-8' || label === 'utf8') {
    const strict = tryDecoder('utf-8', b, true);
    if (strict !== null) return { ok: true, text: strict, charset: 'utf-8', warnings };
    warnings.push('invalid UTF-8, decoded as windows-1252');
    return { ok: true, text: tryDecoder('windows-1252', b, false) ?? '', charset: 'windows-1252', warnings };
  }
  const text = tryDecoder(label, b, false);
  if (text === null) return { ok: false, reason: `cannot decode charset "${label}"` };
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, charset: label, warnings };
}
