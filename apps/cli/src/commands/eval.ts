import {
  MODEL_VERSION, canonicalOrgName, classify, evaluate, evaluateSyndication, formatReport, parseLabelledRecord, type LabelledRecord,
} from '@pharma-radar/classifier-collaboration';
import { InputErrorCode, readJsonLines } from './classify';

/**
 * `eval --jsonl <labelled.jsonl>`: precision/recall/F1 of the flag, event-type confusion, party P/R/F1,
 * deal-type accuracy, calibration and the misclassified items, as text. No weights are learned: the rules and the
 * confidence bands are fixed in the library, so this only measures.
 */
export async function evalCommand(args: { jsonl: string }, write: (s: string) => void): Promise<number> {
  const records: LabelledRecord[] = [];
  const rejected: string[] = [];
  try {
    for await (const line of readJsonLines(args.jsonl)) {
      if (!line.ok) {
        rejected.push(`line ${line.line}: ${line.code} ${line.message}`);
        continue;
      }
      const parsed = parseLabelledRecord(line.value);
      if (parsed.ok) records.push(parsed.record);
      else rejected.push(`line ${line.line}: ${InputErrorCode.LineSchemaInvalid} ${parsed.error}`);
    }
  } catch (err) {
    write(`eval: ${InputErrorCode.FileUnreadable} ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  if (records.length === 0) {
    write(`eval: no labelled records in ${args.jsonl}${rejected.length ? ` (${rejected.length} rejected)` : ''}\n`);
    return 1;
  }
  const started = performance.now();
  const report = evaluate(records, classify, { canonical: canonicalOrgName });
  const ms = performance.now() - started;
  write(formatReport(report, `Pharma Radar classifier eval — model ${MODEL_VERSION} — ${args.jsonl}`));
  const syn = evaluateSyndication(records, classify);
  write(`\nsyndication: joined ${syn.joinedDupPairs}/${syn.dupPairs} dup_of pairs, ${syn.falseJoinPairs} false joins, ${syn.clusters} clusters`
    + `${syn.falseJoins.length ? ` (false: ${syn.falseJoins.slice(0, 10).map((f) => `${f.a}~${f.b}`).join(', ')})` : ''}\n`);
  write(`\n${records.length} records classified in ${ms.toFixed(1)} ms; no learned weights (fixed rules and confidence bands)\n`);
  if (rejected.length) write(`rejected lines (${rejected.length}):\n${rejected.map((r) => `  ${r}`).join('\n')}\n`);
  return 0;
}
