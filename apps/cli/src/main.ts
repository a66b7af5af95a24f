import { createLineWriter } from './output';

// Each command loads its own modules when it runs: `classify` must not pay for Nest, Kafka and Redis clients at
// start-up (they were most of a 0.7 s start).

const USAGE = `pharma-radar <command>

  start                        run ingest, classifier, notifier and dashboard in one process
  parse-feed [--allow-host H:PORT]... <file|url>...
                               one JSON line per input: the normalised feed, items and warnings
                               (what was cut or dropped); only http(s) URLs, internal hosts refused
                               unless named by --allow-host or INGEST_ALLOW_PRIVATE_HOSTS (host:port)
  conformance [--details] <corpus dir>
                               every feed file of every corpus folder through the parser (each in a
                               worker with a deadline): one JSON line per folder with files, crashes,
                               hangs and the share of checkable expectations met; --details adds a
                               line per unmet expectation
  extract [--allow-host H]... <file.html|url>...
                               one JSON line per input: the article's title, text (paragraphs as
                               lines), published date and authors; URLs fetched like ingest's, only
                               http(s), internal hosts refused unless named by --allow-host
  classify --jsonl <file> [--workers N]
                               one JSON line per {"id","title","text"} line: the classification,
                               in input order; N threads classify (default: one per core)
  eval [--cv K] [--holdout] --jsonl <file> [--jsonl <file>...]
                               precision/recall/party F1 per labelled JSONL file and in total;
                               --cv K: story-grouped cross-validation of the learned decision;
                               --holdout: our dev-2 holdout, in aggregate only
  backtest [--from ISO] [--to ISO] [--json]
                               re-run the current model over stored articles (Kafka) and report
                               what would change; publishes nothing
  replay [--topic T] [--reason CODE] [--group G] [--since ISO] [--until ISO] [--dry-run]
                               re-drive dead letters of the pipeline topics to their original topic
                               (Kafka); one JSON line each, then a summary; a truncated dead letter
                               is refused (exit 1)
  replay --deliveries [--dry-run]
                               re-drive the notifier's dead deliveries (ledger on Kafka, queue on Redis)
  env-example                  print .env.example, rendered from the config schemas
`;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const { write, flush } = createLineWriter();

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'start': {
      const { runMain, allInOne } = await import('./commands/start');
      runMain('all-in-one', () => allInOne());
      return -1;
    }
    case 'parse-feed': {
      const { parseFeedArgs, parseFeedCommand } = await import('./commands/parse-feed');
      const parsed = parseFeedArgs(args, process.env);
      if (typeof parsed === 'string') {
        process.stderr.write(`parse-feed: ${parsed}\n\n${USAGE}`);
        return 2;
      }
      if (!parsed.inputs.length) break;
      return parseFeedCommand(parsed.inputs, write, { policy: parsed.policy });
    }
    case 'conformance': {
      const dir = args.find((a) => !a.startsWith('--'));
      if (!dir) break;
      return (await import('./commands/conformance')).conformanceCommand(dir, write, { details: args.includes('--details') });
    }
    case 'extract': {
      const hosts = args.flatMap((a, i) => (args[i - 1] === '--allow-host' ? [a] : []));
      const inputs = args.filter((a, i) => a !== '--allow-host' && args[i - 1] !== '--allow-host');
      if (!inputs.length) break;
      return (await import('./commands/extract')).extractCommand(inputs, write, { policy: { allowPrivateHosts: hosts } });
    }
    case 'classify': {
      const jsonl = flag(args, '--jsonl');
      if (!jsonl) break;
      const workersFlag = flag(args, '--workers');
      const workers = workersFlag === undefined ? undefined : Number(workersFlag);
      if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) {
        process.stderr.write(`--workers must be a whole number from 1 to 64, got ${JSON.stringify(workersFlag)}\n`);
        return 2;
      }
      return (await import('./commands/classify')).classifyCommand({ jsonl, workers }, write, (m) => process.stderr.write(`${m}\n`));
    }
    case 'eval': {
      // Files by --jsonl (repeatable) or as plain arguments.
      const files = args.flatMap((a, i) => (args[i - 1] === '--jsonl' || (!a.startsWith('--') && args[i - 1] !== '--cv') ? [a] : []));
      if (!files.length) break;
      const cv = flag(args, '--cv');
      return (await import('./commands/eval')).evalCommand({ files, cv: cv === undefined ? undefined : Number(cv), holdout: args.includes('--holdout') }, write);
    }
    case 'backtest': {
      const { backtestCommand } = await import('./commands/backtest');
      return backtestCommand({ from: flag(args, '--from'), to: flag(args, '--to'), json: args.includes('--json') }, write);
    }
    case 'replay': {
      if (args.includes('--deliveries')) {
        return (await import('./commands/replay-deliveries')).replayDeliveriesCommand({ dryRun: args.includes('--dry-run') }, write);
      }
      const { parseReplayArgs, replayCommand } = await import('./commands/replay');
      const parsed = parseReplayArgs(args);
      if (typeof parsed === 'string') {
        process.stderr.write(`replay: ${parsed}\n\n${USAGE}`);
        return 2;
      }
      return replayCommand(parsed, write);
    }
    case 'env-example':
      process.stdout.write((await import('./config/env-example')).envExample());
      return 0;
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command ? 0 : 2;
  }
  process.stderr.write(`unknown or incomplete command: ${argv.join(' ')}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    flush();
    // -1: a long-running command owns the process now.
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    flush();
    process.stderr.write(`pharma-radar: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
