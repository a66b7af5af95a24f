import { nameKey } from '../entities/matcher';
import { fnv1a } from '../syndication/minhash';

/** What grouping needs of a labelled record. */
export interface StoryRecord {
  id: string;
  parties: readonly string[];
  dup_of?: string | null;
}

/**
 * Groups records into stories: a syndicated copy (`dup_of`) and every item about the same partnership (the same set of
 * two or more gold parties) belong together, so that no story is split between training and testing.
 * Returns a story id per record id (the smallest record id of the story).
 */
export function storyGroups(records: readonly StoryRecord[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  for (const r of records) parent.set(r.id, r.id);
  const byParties = new Map<string, string>();
  for (const r of records) {
    if (r.dup_of && parent.has(r.dup_of)) union(r.id, r.dup_of);
    const keys = [...new Set(r.parties.map((p) => nameKey(p)).filter((k) => k.length > 0))].sort();
    if (keys.length < 2) continue;
    const key = keys.join('|');
    const first = byParties.get(key);
    if (first) union(r.id, first);
    else byParties.set(key, r.id);
  }
  return new Map(records.map((r) => [r.id, find(r.id)]));
}

/**
 * Assigns each story to one of k folds by a seeded hash (FNV-1a: stable, unlike Math.random), so folds are
 * reproducible and stories never straddle two.
 */
export function storyFolds(records: readonly StoryRecord[], k: number, seed = 'pharma-radar'): Map<string, number> {
  const stories = storyGroups(records);
  const ids = [...new Set(stories.values())].sort((a, b) => fnv1a(`${seed}:${a}`, 0) - fnv1a(`${seed}:${b}`, 0) || (a < b ? -1 : 1));
  const foldOfStory = new Map(ids.map((s, i) => [s, i % k]));
  return new Map(records.map((r) => [r.id, foldOfStory.get(stories.get(r.id) ?? r.id) ?? 0]));
}
