import HOLDOUT_FILE from './holdout-dev-2.json';

/**
 * Our holdout: a random third of ../shared/eval/dev-2.jsonl, grouped by story, set aside before any change. It is
 * never trained on and never listed item by item; `eval --holdout` scores it in aggregate only.
 */
export const HOLDOUT = {
  /** The labelled file the ids belong to (by base name). */
  file: HOLDOUT_FILE.file,
  ids: new Set<string>(HOLDOUT_FILE.ids),
  why: HOLDOUT_FILE.why,
} as const;
