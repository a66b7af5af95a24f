// MinHash over word shingles. Hashes are 32-bit, seeded, and computed without any library so state is portable.

const WORD = /[\p{L}\p{N}]+/gu;

export function words(text: string): string[] {
  return (text.toLowerCase().normalize('NFKC').match(WORD) ?? []).filter((w) => w.length > 1 || /\d/.test(w));
}

export function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

// Cheap independent permutations of one base hash: h_i(x) = mix(base(x) ^ seed_i).
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

const SEEDS = Array.from({ length: 128 }, (_, i) => mix(i * 0x9e3779b1 + 1));

/** MinHash signature of the k-word shingles of a text; an empty text gives an all-max signature. */
export function minhash(text: string, numHashes = 64, shingle = 3): number[] {
  const w = words(text);
  const sig = new Array<number>(numHashes).fill(0xffffffff);
  const n = Math.max(1, w.length - shingle + 1);
  for (let i = 0; i < n; i++) {
    const base = fnv1a(w.slice(i, i + shingle).join(' '), 0);
    for (let k = 0; k < numHashes; k++) {
      const h = mix(base ^ SEEDS[k]);
      if (h < sig[k]) sig[k] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the two shingle sets. */
export function similarity(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i] && a[i] !== 0xffffffff) same++;
  return same / n;
}
