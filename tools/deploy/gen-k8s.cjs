#!/usr/bin/env node
// Writes k8s/kafka/topics.yaml from libs/contracts/src/topics.ts: `npm run gen:k8s`.
'use strict';
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { root } = require('../register-ts.cjs');
const { TopicSpecs } = require('@pharma-radar/contracts');
const { renderKafkaTopics, TOPICS_FILE } = require('./kafka-topics.ts');

writeFileSync(path.join(root, TOPICS_FILE), renderKafkaTopics(Object.values(TopicSpecs)));
process.stderr.write(`wrote ${TOPICS_FILE}\n`);
