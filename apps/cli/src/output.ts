// Output lines are written in chunks of about this many characters: one write per line (one system call when stdout
// is a file or a pipe) was a tenth of a `classify` run.
const FLUSH_CHARS = 1 << 16;

/** A line writer for stdout that buffers; call flush() before the process ends. */
export function createLineWriter(out: { write(chunk: string): unknown } = process.stdout): { write(line: string): void; flush(): void } {
  let pending = '';
  const flush = () => {
    if (pending.length === 0) return;
    out.write(pending);
    pending = '';
  };
  return {
    write(line: string) {
      pending += line.endsWith('\n') ? line : line + '\n';
      if (pending.length >= FLUSH_CHARS) flush();
    },
    flush,
  };
}
