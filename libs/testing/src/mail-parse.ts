/**
 * Just enough MIME to assert on what a test SMTP server received: unfolded headers, RFC 2047
 * encoded words, quoted-printable/base64 bodies and the first text/plain and text/html parts.
 * Not a general mail parser (none is installed); line endings in text and html become "\n".
 */
export interface ParsedMail {
  /** Lower-cased header names; the first occurrence of a repeated header wins. */
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
}

interface Part {
  headers: Record<string, string>;
  body: string;
}

export function parseMail(raw: string): ParsedMail {
  const found = { text: undefined as string | undefined, html: undefined as string | undefined };
  const top = splitPart(raw);
  collectBodies(top, found, 0);
  return {
    headers: top.headers,
    subject: decodeWords(top.headers['subject'] ?? ''),
    text: found.text ?? '',
    html: found.html ?? '',
  };
}

function splitPart(raw: string): Part {
  const separator = /\r?\n\r?\n/.exec(raw);
  const head = separator ? raw.slice(0, separator.index) : raw;
  const body = separator ? raw.slice(separator.index + separator[0].length) : '';
  // A null-prototype map: a header named __proto__ is data, not a prototype change.
  const headers: Record<string, string> = Object.create(null);
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) {
      headers[name] = line.slice(colon + 1).trim();
    }
  }
  return { headers, body };
}

// Nested multiparts deeper than this are not something our own mails contain.
const MAX_DEPTH = 5;

function collectBodies(part: Part, found: { text?: string; html?: string }, depth: number): void {
  const { type, params } = parseContentType(part.headers['content-type']);
  if (type.startsWith('multipart/') && params['boundary'] && depth < MAX_DEPTH) {
    for (const child of splitMultipart(part.body, params['boundary'])) {
      collectBodies(splitPart(child), found, depth + 1);
    }
    return;
  }
  if (type !== 'text/plain' && type !== 'text/html') return;
  const key = type === 'text/html' ? 'html' : 'text';
  if (found[key] !== undefined) return;
  const decoded = decodeBody(part.body, part.headers['content-transfer-encoding'] ?? '', params['charset'] ?? 'utf-8');
  found[key] = decoded.replace(/\r\n/g, '\n').replace(/\n$/, '');
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  const lines = body.split(/\r?\n/);
  let current: string[] | undefined;
  for (const line of lines) {
    if (line === `${delimiter}--`) break;
    if (line === delimiter) {
      if (current) parts.push(current.join('\r\n'));
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const [type = 'text/plain', ...rest] = (value ?? 'text/plain').split(';');
  const params: Record<string, string> = Object.create(null);
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq <= 0) continue;
    params[param.slice(0, eq).trim().toLowerCase()] = param
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeBody(body: string, transferEncoding: string, charset: string): string {
  switch (transferEncoding.trim().toLowerCase()) {
    case 'quoted-printable':
      return decodeBytes(quotedPrintableBytes(body.replace(/=\r?\n/g, '')), charset);
    case 'base64':
      return decodeBytes(Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset);
    default:
      return body;
  }
}

function quotedPrintableBytes(text: string): Buffer {
  return Buffer.from(
    text.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );
}

function decodeBytes(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?UTF-8?Q?...?=`); blanks between adjacent words vanish. */
export function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? decodeBytes(Buffer.from(text, 'base64'), charset)
        : decodeBytes(quotedPrintableBytes(text.replace(/_/g, ' ')), charset),
    );
}
