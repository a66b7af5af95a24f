#!/usr/bin/env node
// The peer the classify CLI is measured against (issue 9, point 9): what a user would run instead, a Node CLI with a
// general NLP pipeline (wink-nlp: tokens, part of speech, entities). Same input and output shape as
// `classify --jsonl`: one JSON line in ({"id","title","text"}), one JSON line out.
// Usage: npx node libs/classifier/collaboration/scripts/wink-peer.cjs <file.jsonl> > out.jsonl
'use strict';
const fs = require('node:fs');
const readline = require('node:readline');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

const nlp = winkNLP(model);
const its = nlp.its;

// Output is written in large chunks, as the classify CLI does, so both pay the same I/O.
const FLUSH_CHARS = 1 << 16;
let pending = '';
const emit = (line) => {
  pending += line + '\n';
  if (pending.length >= FLUSH_CHARS) {
    fs.writeSync(1, pending);
    pending = '';
  }
};

async function main(file) {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const raw of rl) {
    if (!raw.trim()) continue;
    const item = JSON.parse(raw);
    const doc = nlp.readDoc(`${item.title || ''}\n\n${item.text || ''}`);
    emit(JSON.stringify({
      id: item.id,
      tokens: doc.tokens().out(),
      pos: doc.tokens().out(its.pos),
      entities: doc.entities().out(its.detail),
    }));
  }
  if (pending) fs.writeSync(1, pending);
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: wink-peer.cjs <file.jsonl>\n');
  process.exit(2);
}
main(file).catch((err) => {
  process.stderr.write(`wink-peer: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
