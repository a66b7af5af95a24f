import { Inject, Injectable } from '@nestjs/common';
import { collaborationFlaggedV1Payload } from '@pharma-radar/contracts';
import { foldFlags, type CollaborationView } from '@pharma-radar/dashboard-domain';
import { KEY_VALUE_STORE, KeyValueStore } from '@pharma-radar/platform-cache';
import { RECENT_FLAGS_KEY, RECENT_FLAGS_MAX, safeJson } from './stored';

/**
 * The collaborations the dashboard knows (the capped list of the last 1,000 flag events), folded once per change:
 * the list only ever grows at its head, so an unchanged newest entry means an unchanged list and one LRANGE of a
 * single entry answers "changed?" for every request.
 */
@Injectable()
export class CollaborationsRepository {
  private cache: { head: string; views: CollaborationView[]; models: Map<string, number> } | null = null;

  constructor(@Inject(KEY_VALUE_STORE) private readonly store: KeyValueStore) {}

  /** The newest stored flag event as stored: what live updates compare. */
  async head(): Promise<string | null> {
    return (await this.store.recent(RECENT_FLAGS_KEY, 1))[0] ?? null;
  }

  async all(): Promise<CollaborationView[]> {
    return (await this.load()).views;
  }

  /** Model versions on the stored flags, with how many flag events each classified. */
  async modelVersions(): Promise<Map<string, number>> {
    return (await this.load()).models;
  }

  private async load() {
    const head = await this.head();
    if (head === null) return { views: [], models: new Map<string, number>() };
    if (this.cache?.head === head) return this.cache;
    const raw = await this.store.recent(RECENT_FLAGS_KEY, RECENT_FLAGS_MAX);
    const flags = raw.map((r) => safeJson(r, collaborationFlaggedV1Payload)).filter((f) => f !== null);
    const models = new Map<string, number>();
    for (const f of flags) models.set(f.classification.model_version, (models.get(f.classification.model_version) ?? 0) + 1);
    this.cache = { head: raw[0] ?? head, views: foldFlags(flags), models };
    return this.cache;
  }
}
