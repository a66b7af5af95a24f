/**
 * Due times of the feed polls as one binary min-heap, so 100,000 feeds cost one timer (armed for the earliest due
 * time) instead of one timer per feed, and a replica that falls behind holds a queue of due entries rather than a
 * pending closure per late feed.
 */
export class PollQueue<T> {
  private readonly at: number[] = [];
  private readonly items: T[] = [];

  get size(): number {
    return this.at.length;
  }

  push(dueAt: number, item: T): void {
    this.at.push(dueAt);
    this.items.push(item);
    this.up(this.at.length - 1);
  }

  /** The earliest due time, or null when empty. */
  peekAt(): number | null {
    return this.at.length ? this.at[0] : null;
  }

  /** Removes and returns the earliest entry if it is due at `now`. */
  popDue(now: number): { dueAt: number; item: T } | null {
    if (!this.at.length || this.at[0] > now) return null;
    const out = { dueAt: this.at[0], item: this.items[0] };
    const lastAt = this.at.pop()!;
    const lastItem = this.items.pop()!;
    if (this.at.length) {
      this.at[0] = lastAt;
      this.items[0] = lastItem;
      this.down(0);
    }
    return out;
  }

  private swap(i: number, j: number): void {
    [this.at[i], this.at[j]] = [this.at[j], this.at[i]];
    [this.items[i], this.items[j]] = [this.items[j], this.items[i]];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.at[parent] <= this.at[i]) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.at.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.at[l] < this.at[m]) m = l;
      if (r < n && this.at[r] < this.at[m]) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
