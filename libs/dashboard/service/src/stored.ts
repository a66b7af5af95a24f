/** The capped list of flags the dashboard consumed, newest first (every revision). */
export const RECENT_FLAGS_KEY = 'dashboard:flags:v1';
export const RECENT_FLAGS_MAX = 1_000;

/** A stored value that no longer parses or fits its schema is skipped, never a failed request. */
export function safeJson<T>(raw: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | null {
  try {
    const r = schema.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
