import { basename } from 'node:path';
import {
  COMMITTED_WEIGHTS, DEFAULT_TRAINING_CONFIG, HOLDOUT, setNameOf, trainedOn, MODEL_VERSION, canonicalOrgName, classify, crossValidate, evaluate, evaluateSyndication,
  featureTable, formatReport, formatSummary, parseLabelledRecord, type EvalReport, type LabelledRecord, type TrainingRecord,
} from '@pharma-radar/classifier-collaboration';
import { InputErrorCode, readJsonLines } from './classify';
import { feedbackOf, formatFeedbackLines, summariseFeedback, withoutRecall, type FeedbackItem } from './feedback-eval';

export interface EvalArgs {
  files: string[];
  /** Story-grouped k-fold cross-validation of the learned decision on these files, instead of the committed weights. */
  cv?: number;
  /** Score the dev-2 holdout only, in aggregate. */
  holdout?: boolean;
}

interface LoadedFile {
  file: string;
  records: LabelledRecord[];
  rejected: string[];
  heldOut: number;
  /** Subscriber feedback the records carry (an export of the dashboard's /api/feedback.jsonl). */
  feedback: FeedbackItem[];
}

async function load(file: string, holdout: 'exclude' | 'only'): Promise<LoadedFile> {
  const out: LoadedFile = { file, records: [], rejected: [], heldOut: 0, feedback: [] };
  for await (const line of readJsonLines(file)) {
    if (!line.ok) {
      out.rejected.push(`line ${line.line}: ${line.code} ${line.message}`);
      continue;
    }
    const parsed = parseLabelledRecord(line.value);
    if (!parsed.ok) {
      out.rejected.push(`line ${line.line}: ${InputErrorCode.LineSchemaInvalid} ${parsed.error}`);
      continue;
    }
    // By id in any file, so a renamed copy of the holdout file is still held out.
    const inHoldout = HOLDOUT.ids.has(parsed.record.id);
    if (inHoldout) out.heldOut++;
    if (inHoldout === (holdout === 'only')) {
      out.records.push(parsed.record);
      const feedback = feedbackOf(line.value);
      if (feedback) out.feedback.push({ feedback, borderline: parsed.record.borderline === true });
    }
  }
  return out;
}

/**
 * `eval [--cv K] [--holdout] --jsonl <file> [--jsonl <file> ...]`: per file and in total, flag P/R/F1, party P/R/F1,
 * deal-type accuracy (the second labeller's type counts), the confusion table, calibration, error counts by category
 * and the misclassified items. The items of our holdout are left out of every file; `--holdout` scores only them, in
 * aggregate. `--cv K` judges every item with a model trained without its story.
 */
export async function evalCommand(args: EvalArgs, write: (s: string) => void): Promise<number> {
  const loaded: LoadedFile[] = [];
  try {
    for (const file of args.files) loaded.push(await load(file, args.holdout ? 'only' : 'exclude'));
  } catch (err) {
    write(`eval: ${InputErrorCode.FileUnreadable} ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const all = loaded.flatMap((l) => l.records);
  if (all.length === 0) {
    const rejected = loaded.reduce((n, l) => n + l.rejected.length, 0);
    write(`eval: no labelled records in ${args.files.join(', ')}${rejected ? ` (${rejected} rejected)` : ''}${args.holdout ? ` (the holdout is in ${HOLDOUT.file})` : ''}\n`);
    return 1;
  }

  if (args.holdout) {
    // Aggregate only: the holdout is never read item by item.
    const report = evaluate(all, classify, { canonical: canonicalOrgName });
    write(formatSummary(report, `holdout (${HOLDOUT.file}, ${all.length} items), model ${MODEL_VERSION}`));
    write(`errors: ${report.flag.fp} false flags, ${report.flag.fn} missed; score the holdout at most once per session\n`);
    return 0;
  }

  let classifications: Map<string, ReturnType<typeof classify>> | undefined;
  let how = `model ${MODEL_VERSION} (committed weights)`;
  if (args.cv !== undefined) {
    if (!Number.isInteger(args.cv) || args.cv < 2) {
      write(`eval: --cv takes a whole number of folds of at least 2, not ${args.cv}\n`);
      return 2;
    }
    // Out-of-fold results are looked up by id, in each file and in the total.
    if (new Set(all.map((r) => r.id)).size !== all.length) {
      write('eval: --cv needs ids unique across the files given\n');
      return 2;
    }
    // Ids repeat across files: the file keeps them apart while training.
    const key = (file: string, id: string) => `${file}\u0000${id}`;
    const training: TrainingRecord[] = loaded.flatMap((l) => l.records.map((r) => ({
      ...r, id: key(l.file, r.id), dup_of: r.dup_of ? key(l.file, r.dup_of) : null, set: setNameOf(l.file),
    })));
    const started = performance.now();
    const cv = crossValidate(training, featureTable(training, DEFAULT_TRAINING_CONFIG.features), args.cv);
    classifications = new Map(loaded.flatMap((l) => l.records.map((r) => [r.id, cv.get(key(l.file, r.id))] as const))
      .filter((e): e is readonly [string, ReturnType<typeof classify>] => e[1] !== undefined));
    how = `${args.cv}-fold cross-validation grouped by story, trained on these files only (${((performance.now() - started) / 1000).toFixed(1)} s)`;
  }

  const reports: [string, EvalReport][] = [];
  const feedbackFiles = new Set<string>();
  for (const l of loaded) {
    if (l.records.length === 0) continue;
    const started = performance.now();
    const report = evaluate(l.records, classify, { canonical: canonicalOrgName, classifications });
    reports.push([l.file, report]);
    // Only a file made wholly of feedback is read as one; every other file's report stays as it was.
    const fromFeedback = l.feedback.length === l.records.length;
    const text = formatReport(report, `Pharma Radar classifier eval — ${how} — ${l.file}`);
    write(fromFeedback ? withoutRecall(text) : text);
    if (fromFeedback) {
      feedbackFiles.add(l.file);
      write(`\n${formatFeedbackLines(summariseFeedback(l.feedback), report, classifications ? 'the cross-validated model' : `model ${MODEL_VERSION}`)}`);
    }
    if (l.heldOut) write(`\n${l.heldOut} holdout items left out (scored only with --holdout)\n`);
    if (!classifications && trainedOn(COMMITTED_WEIGHTS, l.file)) {
      write(`\nnote: the committed weights were trained on ${basename(l.file)}: these scores are fitted, not estimates (use --cv K)\n`);
    }
    if (!classifications) {
      const syn = evaluateSyndication(l.records, classify);
      write(`\nsyndication: joined ${syn.joinedDupPairs}/${syn.dupPairs} dup_of pairs, ${syn.falseJoinPairs} false joins, ${syn.clusters} clusters`
        + `${syn.falseJoins.length ? ` (false: ${syn.falseJoins.slice(0, 10).map((f) => `${f.a}~${f.b}`).join(', ')})` : ''}\n`);
    }
    write(`\n${l.records.length} records in ${(performance.now() - started).toFixed(1)} ms\n`);
    if (l.rejected.length) write(`rejected lines (${l.rejected.length}):\n${l.rejected.map((r) => `  ${r}`).join('\n')}\n`);
    write('\n');
  }
  if (reports.length > 1) {
    const total = evaluate(all, classify, { canonical: canonicalOrgName, classifications });
    write(`${'='.repeat(100)}\n`);
    for (const [file, r] of reports) write(feedbackFiles.has(file) ? withoutRecall(formatSummary(r, file)) : formatSummary(r, file));
    write(formatSummary(total, `total (${reports.length} files)`));
    if (feedbackFiles.size) write('  (the total\'s recall counts the feedback items too, where recall is not defined)\n');
    write(`\n${formatReport(total, `total (${reports.length} files) — ${how}`, { items: false })}`);
  }
  return 0;
}
