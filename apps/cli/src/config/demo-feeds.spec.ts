import { existsSync } from 'node:fs';
import { loadAllInOneConfig } from './index';

// Run from the repository root, as `npm start` and jest are: the feed files are relative to the working directory.
describe('feeds of the all-in-one process', () => {
  it('should poll the bundled invented sample feeds in the embedded demo (no Kafka, no FEEDS_FILE)', () => {
    const feeds = loadAllInOneConfig({}).ingest.feeds;
    expect(feeds.map((f) => f.id).sort()).toEqual(['sample.biotech-daily', 'sample.pharma-wire', 'sample.research-news']);
    for (const f of feeds) expect(existsSync(f.file!)).toBe(true);
  });

  it('should poll the production feeds, real ones only, as soon as it runs on Kafka', () => {
    const feeds = loadAllInOneConfig({ KAFKA_BROKERS: '127.0.0.1:9092' }).ingest.feeds;
    expect(feeds.length).toBeGreaterThan(0);
    expect(feeds.filter((f) => f.file || f.id.startsWith('sample.'))).toEqual([]);
  });

  it('should poll the file FEEDS_FILE names, also in the embedded demo', () => {
    expect(loadAllInOneConfig({ FEEDS_FILE: 'config/feeds.json' }).ingest.feeds.some((f) => f.id.startsWith('sample.'))).toBe(false);
  });
});
