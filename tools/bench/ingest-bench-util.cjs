// Shared by the ingest benches: a CPU profile of a window (bench:service's), deleting a bench's Redis key prefix,
// numeric options and the exit code of a run.
const { startProfiler } = require('./service/bench-service.cjs');

/** Deletes every key under `prefix` (the client's own keyPrefix is not applied to SCAN's pattern). */
async function deletePrefix(redis, prefix) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
    cursor = next;
    // The client prefixes DEL's arguments itself, so the scanned names lose theirs first.
    if (keys.length) await redis.del(...keys.map((k) => k.slice(prefix.length)));
  } while (cursor !== '0');
}

/** `--name N` from the command line as a number, else `dflt`. */
function numberOption(name, dflt, args = process.argv.slice(2)) {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
}

/** Runs the bench and exits: 0 when it finished, 1 with the stack when it failed. */
function runBench(main) {
  main().then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`${err.stack ?? err}\n`);
      process.exit(1);
    },
  );
}

module.exports = { startProfiler, deletePrefix, numberOption, runBench };
