import { Classification } from '@pharma-radar/contracts';
import { classify } from '@pharma-radar/classifier-collaboration';

export type ClassifyInput = Parameters<typeof classify>[0];
/** One article's answer from a worker: a classification, or what classify() threw on it (the others go on). */
export type ClassifyOutcome = { ok: true; classification: Classification } | { ok: false; message: string };

/** What a classification worker does with one task: every article of the batch, each on its own. */
export function classifyEach(inputs: ClassifyInput[], run: (input: ClassifyInput) => Classification = classify): ClassifyOutcome[] {
  return inputs.map((input) => {
    try {
      return { ok: true, classification: run(input) };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  });
}
