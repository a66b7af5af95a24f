// What an HTTP endpoint's answer means for a delivery, shared by the Slack and webhook providers.

export const HTTP_ANSWER_DEFAULTS = { maxRetryAfterMs: 3_600_000, maxResponseBytes: 4_096 } as const;

/** Retry-After as delta-seconds or an HTTP date, capped; undefined when absent or unusable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const trimmed = header.trim();
  let ms: number;
  if (/^\d{1,10}$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    // Only the IMF-fixdate form HTTP requires; Date.parse alone would accept "-1" as a year.
    if (!/^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(trimmed)) return undefined;
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, ms), HTTP_ANSWER_DEFAULTS.maxRetryAfterMs);
}

/** Reads at most `maxBytes` of a body a third party controls, then lets the rest go. */
export async function readCapped(response: Response, maxBytes: number = HTTP_ANSWER_DEFAULTS.maxResponseBytes): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short still leaves the status, which is what decides the outcome.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}

/** A fetch failure in one line, with the cause's code (ECONNREFUSED, UND_ERR_SOCKET…) when there is one. */
export function describeFetchError(err: unknown): string {
  if (!(err instanceof Error)) return 'request failed';
  const cause = (err as Error & { cause?: unknown }).cause;
  const detail = cause instanceof Error ? `${(cause as Error & { code?: string }).code ?? cause.name}: ${cause.message}` : '';
  return detail ? `${err.message} (${detail})` : err.message;
}

/** Whatever an error message says, it must not contain the endpoint URL or its path (they hold tokens). */
export function scrubUrl(message: string, url: string): string {
  let out = message.split(url).join('***');
  try {
    const path = new URL(url).pathname;
    if (path.length > 1) out = out.split(path).join('/***');
  } catch {
    // unparseable URLs were refused before sending
  }
  return out.slice(0, 500);
}
