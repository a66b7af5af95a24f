import { EVENT_TYPES, PARTY_TYPES } from '@pharma-radar/contracts';
// The one import from the classifier's domain lib, allowed for this file only (eslint.config.mjs): the notifier
// validates watchlists against the very lists the classifier emits, so they cannot drift apart.
import { GAZETTEER, GEOGRAPHIES, nameKey, THERAPEUTIC_AREAS } from '@pharma-radar/classifier-collaboration';
import type { Vocabulary } from '@pharma-radar/notifier-subscriptions';

export function classifierVocabulary(): Vocabulary {
  return {
    therapeuticAreas: THERAPEUTIC_AREAS.map(([label, pattern]) => ({ label, pattern })),
    geographies: GEOGRAPHIES.map(([label]) => label),
    eventTypes: EVENT_TYPES,
    partyTypes: PARTY_TYPES,
    companies: GAZETTEER,
    nameKey,
  };
}
