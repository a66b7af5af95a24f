/**
 * Runs `fn` over `list` with at most `limit` at once. After a failure no new item starts; the ones running finish,
 * then the first failure is thrown (so nothing keeps running behind a poll that already reported).
 */
export async function mapPool<T>(list: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | null = null;
  const worker = async () => {
    while (next < list.length && !failed) {
      const item = list[next++];
      await fn(item).catch((error: unknown) => {
        failed ??= { error };
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), list.length) }, worker));
  if (failed) throw (failed as { error: unknown }).error;
}
