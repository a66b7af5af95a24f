import { PollQueue } from './poll-queue';

describe('PollQueue', () => {
  it('should hand out entries in due order and only once due', () => {
    const q = new PollQueue<string>();
    const due = [50, 10, 40, 10, 30, 20, 60, 0];
    due.forEach((at, i) => q.push(at, `f${i}`));
    expect(q.peekAt()).toBe(0);
    expect(q.popDue(-1)).toBeNull();
    const out: number[] = [];
    for (let e = q.popDue(35); e; e = q.popDue(35)) out.push(e.dueAt);
    expect(out).toEqual([0, 10, 10, 20, 30]);
    expect(q.size).toBe(3);
    expect(q.peekAt()).toBe(40);
  });

  it('should keep heap order over many random pushes and pops', () => {
    const q = new PollQueue<number>();
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const all: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      const at = rand() % 10_000;
      all.push(at);
      q.push(at, i);
    }
    const popped: number[] = [];
    for (let e = q.popDue(Infinity); e; e = q.popDue(Infinity)) popped.push(e.dueAt);
    expect(popped).toEqual([...all].sort((a, b) => a - b));
    expect(q.peekAt()).toBeNull();
  });
});
