import type { ServerResponse } from 'node:http';
import { ArticleIngestedV1, FEED_HEALTH_KEY, FeedHealthV1 } from '@pharma-radar/contracts';
import { itemId } from '@pharma-radar/ingest-feeds';
import { RedisStore } from '@pharma-radar/platform-cache';
import type { MessageBus } from '@pharma-radar/platform-messaging';
import { expectEventually, infraFromEnv, startHttpServer, TestHttpServer, uniquePrefix } from '@pharma-radar/testing';
import { FeedSource, IngestConfig } from './config';
import { FeedPoller } from './feed-poller';

// Outlets get their own names (all answering on 127.0.0.1), since trust follows the site a URL names.
const NAMES = ['real.example', 'squat.example', 'agg.example', 'a.example', 'b.example'];
jest.mock('node:dns/promises', () => {
  const real = jest.requireActual('node:dns/promises');
  return {
    ...real,
    lookup: async (host: string, opts: unknown) => (NAMES.includes(host) ? [{ address: '127.0.0.1', family: 4 }] : real.lookup(host, opts)),
  };
});

interface TestItem {
  title: string;
  link?: string;
  guid?: string;
  pubDate?: string;
  description?: string;
}

function rss(items: TestItem[], channelLink = 'https://channel.example/'): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title>${i.link ? `<link>${esc(i.link)}</link>` : ''}${i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''}` +
        `${i.pubDate ? `<pubDate>${esc(i.pubDate)}</pubDate>` : ''}<description>${esc(i.description ?? `Text of ${i.title}.`)}</description></item>`,
    )
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title><link>${esc(channelLink)}</link>${body}</channel></rss>`;
}

// Every case runs against both seen memories: one key per item (the embedded store's) and the compact day buckets that
// the service uses when it has Redis of its own (RedisSeenStore).
describe.each([
  ['seen keys per item', false],
  ['compact seen buckets', true],
])('FeedPoller (real Redis, feeds on 127.0.0.1; %s)', (_label, compact) => {
  let prefix = '';
  const infra = infraFromEnv();
  let store: RedisStore;
  let feeds: TestHttpServer;
  let bodies: Map<string, () => string>;
  let published: ArticleIngestedV1[];
  const cleanup: Array<() => Promise<void>> = [];

  const bus = { kind: 'memory', publish: async (_topic: string, payload: ArticleIngestedV1) => void published.push(payload) } as unknown as MessageBus;

  beforeEach(async () => {
    prefix = `${uniquePrefix('ingest-poller')}:`;
    store = new RedisStore(infra.redisUrl, prefix);
    bodies = new Map();
    published = [];
    feeds = await startHttpServer((req, res) => {
      const body = bodies.get(req.path);
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/rss+xml' });
      res.end(body ? body() : 'no feed');
    });
  });

  afterEach(async () => {
    for (const c of cleanup.splice(0)) await c();
    await feeds.close();
    await store.close();
  });

  const url = (host: string, path: string) => `http://${host}:${feeds.port}${path}`;
  const serveFeed = (path: string, body: string | (() => string)) => bodies.set(path, typeof body === 'string' ? () => body : body);

  function poller(feedList: FeedSource[], overrides: Partial<IngestConfig> = {}): FeedPoller {
    const config: IngestConfig = {
      feeds: feedList,
      pollIntervalMs: 3_600_000,
      fetchArticles: false,
      allowPrivateHosts: [`127.0.0.1:${feeds.port}`],
      timeoutMs: 10_000,
      maxBytes: 5_000_000,
      dedupTtlSeconds: 3_600,
      userAgent: 'PharmaRadar-test',
      concurrency: 1,
      hostIntervalMs: 0,
      ...(compact ? { redis: { url: infra.redisUrl, keyPrefix: prefix } } : {}),
      ...overrides,
    };
    const p = new FeedPoller(config, bus, store);
    cleanup.push(() => p.onApplicationShutdown());
    return p;
  }

  async function health(feedId: string): Promise<FeedHealthV1> {
    return JSON.parse((await store.hgetall(FEED_HEALTH_KEY))[feedId]) as FeedHealthV1;
  }

  async function articleServer(handler: (res: ServerResponse, path: string) => void): Promise<TestHttpServer> {
    const s = await startHttpServer((req, res) => handler(res, req.path));
    cleanup.push(() => s.close());
    return s;
  }

  describe('identity (bad-inputs 1.10)', () => {
    it('should keep the real outlet\u2019s story when a squatter lists its URL with ?utm_source= under an invented title first', async () => {
      const real: FeedSource = { id: 'real', url: url('real.example', '/rss') };
      // The squatter also claims the victim's site as its <link>: the feed's own words do not buy trust.
      const squat: FeedSource = { id: 'squat', url: url('squat.example', '/rss') };
      const story = `https://real.example/news/acme-beta-deal`;
      serveFeed('/rss', () => rss([{ title: 'Acme and Beta sign oncology research collaboration', link: story }]));
      const p = poller([real, squat]);
      bodies.set('/squat', () => rss([{ title: 'Invented miracle cure approved overnight', link: `${story}?utm_source=squat&utm_medium=rss` }], 'https://real.example/'));
      squat.url = url('squat.example', '/squat');

      expect(await p.poll(squat)).toMatchObject({ ok: true, published: 1 });
      expect(await p.poll(real)).toMatchObject({ ok: true, published: 1, duplicates: 0 });
      expect(published.map((a) => [a.feedId, a.title, a.url])).toEqual([
        ['squat', 'Invented miracle cure approved overnight', `${story}?utm_source=squat&utm_medium=rss`],
        ['real', 'Acme and Beta sign oncology research collaboration', story],
      ]);
      expect(published[0].articleId).not.toBe(published[1].articleId);
      // Nothing new on the next polls of either.
      expect(await p.poll(squat)).toMatchObject({ published: 0, duplicates: 1 });
      expect(await p.poll(real)).toMatchObject({ published: 0, duplicates: 1 });
    });

    it('should publish the real outlet’s story and not the squatter’s when the outlet comes first', async () => {
      const story = `https://real.example/news/gamma-deal`;
      serveFeed('/rss', rss([{ title: 'Gamma and Delta sign research collaboration', link: story }]));
      serveFeed('/squat', rss([{ title: 'Invented merger of Gamma into nobody', link: `${story}?utm_source=squat` }]));
      const p = poller([]);
      expect(await p.poll({ id: 'real', url: url('real.example', '/rss') })).toMatchObject({ published: 1 });
      expect(await p.poll({ id: 'squat', url: url('squat.example', '/squat') })).toMatchObject({ published: 0, duplicates: 1 });
      expect(published.map((a) => a.feedId)).toEqual(['real']);
    });

    it('should publish a story once when another feed copies it under the outlet’s URL after the outlet', async () => {
      const story = 'https://real.example/news/pfizer-biontech';
      serveFeed('/real', rss([{ title: 'Pfizer and BioNTech partner on mRNA flu vaccine', link: story }]));
      serveFeed('/copy', rss([{ title: 'Pfizer, BioNTech partner on mRNA flu vaccine - Wire', link: `http://real.example/news/pfizer-biontech/?utm_source=wire` }]));
      const p = poller([]);
      expect(await p.poll({ id: 'real', url: url('real.example', '/real') })).toMatchObject({ published: 1 });
      expect(await p.poll({ id: 'copy', url: url('b.example', '/copy') })).toMatchObject({ published: 0, duplicates: 1 });
      expect(published.map((a) => a.feedId)).toEqual(['real']);
    });

    it('should still publish the outlet’s own item when an untrusted feed copied its title first, with other text', async () => {
      const story = 'https://real.example/news/pfizer-biontech';
      serveFeed('/copy', rss([{ title: 'Pfizer and BioNTech partner on mRNA flu vaccine', link: `${story}?utm_source=copy`, description: 'Forged text about a different deal.' }]));
      serveFeed('/real', rss([{ title: 'Pfizer and BioNTech partner on mRNA flu vaccine', link: story, description: 'The real announcement.' }]));
      const p = poller([]);
      expect(await p.poll({ id: 'copy', url: url('b.example', '/copy') })).toMatchObject({ published: 1 });
      expect(await p.poll({ id: 'real', url: url('real.example', '/real') })).toMatchObject({ published: 1 });
      expect(published.map((a) => [a.feedId, a.text])).toEqual([
        ['copy', 'Forged text about a different deal.'],
        ['real', 'The real announcement.'],
      ]);
    });

    it('should publish a story once when two untrusted feeds tell it under the same URL, in either order', async () => {
      const story = 'https://wire.example/pfizer-biontech';
      serveFeed('/a', rss([{ title: 'Pfizer and BioNTech partner on mRNA flu vaccine', link: story }]));
      serveFeed('/b', rss([{ title: 'Pfizer, BioNTech partner on mRNA flu vaccine - Wire', link: `${story}?utm_medium=rss` }]));
      const p = poller([]);
      expect(await p.poll({ id: 'a', url: url('a.example', '/a') })).toMatchObject({ published: 1 });
      expect(await p.poll({ id: 'b', url: url('b.example', '/b') })).toMatchObject({ published: 0, duplicates: 1 });
      // A different story under the same URL is not a copy.
      serveFeed('/c', rss([{ title: 'Quarterly results of an unrelated company', link: story }]));
      expect(await p.poll({ id: 'c', url: url('squat.example', '/c') })).toMatchObject({ published: 1 });
      expect(published.map((a) => a.feedId)).toEqual(['a', 'c']);
    });

    it('should give a configured aggregator the outlet\u2019s own identity for the outlet\u2019s links', async () => {
      const story = 'https://real.example/news/x';
      serveFeed('/real', rss([{ title: 'Gamma licenses antibody to Delta', link: story }]));
      serveFeed('/agg', rss([{ title: 'Delta gets Gamma antibody (summary)', link: `${story}?utm_campaign=agg` }]));
      const p = poller([]);
      expect(await p.poll({ id: 'agg', url: url('agg.example', '/agg'), aggregator: true })).toMatchObject({ published: 1 });
      expect(await p.poll({ id: 'real', url: url('real.example', '/real') })).toMatchObject({ published: 0, duplicates: 1 });
      expect(published.map((a) => a.feedId)).toEqual(['agg']);
    });

    it('should keep both stories when two feeds use the same guid without links', async () => {
      serveFeed('/a', rss([{ title: 'Story of feed A', guid: '12345' }]));
      serveFeed('/b', rss([{ title: 'Story of feed B', guid: '12345' }]));
      const p = poller([]);
      expect(await p.poll({ id: 'a', url: url('a.example', '/a') })).toMatchObject({ published: 1 });
      expect(await p.poll({ id: 'b', url: url('b.example', '/b') })).toMatchObject({ published: 1 });
      expect(published.map((x) => x.title)).toEqual(['Story of feed A', 'Story of feed B']);
    });

    it('should not publish again after an upgrade what an untrusted feed sent under its old global id', async () => {
      serveFeed('/a', rss([
        { title: 'Sent before the upgrade', guid: 'old-1' },
        { title: 'Other outlet, sent before', link: 'https://elsewhere.example/x' },
        { title: 'New since the upgrade', guid: 'new-1' },
      ]));
      await store.set(`seen:${itemId({ guid: 'old-1' })}`, 'then', 60);
      await store.set(`seen:${itemId({ link: 'https://elsewhere.example/x' })}`, 'then', 60);
      const p = poller([]);
      expect(await p.poll({ id: 'a', url: url('a.example', '/a') })).toMatchObject({ published: 1, duplicates: 2 });
      expect(published.map((x) => x.title)).toEqual(['New since the upgrade']);
    });

    it('should publish items without guid or link once each, by title and date', async () => {
      serveFeed('/a', rss([
        { title: 'Bare item one', pubDate: 'Mon, 02 Mar 2026 10:00:00 GMT' },
        { title: 'Bare item two', pubDate: 'Mon, 02 Mar 2026 10:00:00 GMT' },
      ]));
      const p = poller([]);
      const feed = { id: 'a', url: url('a.example', '/a') };
      expect(await p.poll(feed)).toMatchObject({ published: 2 });
      expect(await p.poll(feed)).toMatchObject({ published: 0, duplicates: 2 });
    });

    it('should publish once when the guid changes on every fetch, with or without a link', async () => {
      let n = 0;
      serveFeed('/a', () => {
        n++;
        return rss([
          { title: 'Linked story', link: url('a.example', '/news/1'), guid: `rnd-${n}-1` },
          { title: 'Linkless story', guid: `rnd-${n}-2`, description: 'Same words every time.' },
        ]);
      });
      const p = poller([]);
      const feed = { id: 'a', url: url('a.example', '/a') };
      expect(await p.poll(feed)).toMatchObject({ published: 2 });
      expect(await p.poll(feed)).toMatchObject({ published: 0, duplicates: 2 });
      expect(n).toBe(2);
    });

    it('should publish one item for the same link with ?utm_*, over http and https, and duplicated inside the feed', async () => {
      serveFeed('/a', rss([
        { title: 'One story', link: 'https://a.example/p/1' },
        { title: 'One story', link: 'http://a.example/p/1?utm_source=newsletter&utm_medium=email' },
        { title: 'One story', link: 'https://a.example/p/1' },
      ]));
      const p = poller([]);
      expect(await p.poll({ id: 'a', url: url('a.example', '/a') })).toMatchObject({ items: expect.any(Number), published: 1 });
      expect(published).toHaveLength(1);
    });

    it('should publish items with a future, a 1970 and an unreadable pubDate without a date, once, with warnings', async () => {
      serveFeed('/a', rss([
        { title: 'Future dated', link: 'https://a.example/f', pubDate: 'Thu, 01 Jan 2099 00:00:00 GMT' },
        { title: 'Epoch dated', link: 'https://a.example/e', pubDate: 'Thu, 01 Jan 1970 00:00:00 GMT' },
        { title: 'Not dated', link: 'https://a.example/n', pubDate: 'not a date' },
      ]));
      const p = poller([]);
      const feed = { id: 'a', url: url('a.example', '/a') };
      expect(await p.poll(feed)).toMatchObject({ published: 3 });
      expect(published.map((a) => a.publishedAt)).toEqual([null, null, null]);
      expect((await health('a')).warnings).toEqual([expect.objectContaining({ code: 'DATE_IGNORED', count: 3 })]);
      expect(await p.poll(feed)).toMatchObject({ published: 0, duplicates: 3 });
    });
  });

  describe('budgets', () => {
    it('should publish every item with the feed text and record ARTICLE_DEADLINE when article pages accept and stay silent', async () => {
      const silent = await articleServer(() => undefined);
      serveFeed('/a', rss([1, 2, 3].map((i) => ({ title: `Silent page ${i}`, link: `${silent.url}/a/${i}`, description: `Feed text ${i}.` }))));
      const p = poller([], { fetchArticles: true, allowPrivateArticleHosts: [`127.0.0.1:${silent.port}`], pollDeadlineMs: 1_000, articleConcurrency: 4, hostConcurrency: 2 });
      const summary = await p.poll({ id: 'a', url: url('a.example', '/a') });
      expect(summary).toMatchObject({ ok: true, published: 3, warnings: [{ code: 'ARTICLE_DEADLINE', count: 3, message: expect.any(String) }] });
      expect(published.map((a) => a.text).sort()).toEqual(['Feed text 1.', 'Feed text 2.', 'Feed text 3.']);
      // Two pages were requested (the host's limit); the third never started.
      expect(silent.requests).toHaveLength(2);
      expect((await health('a')).warnings).toEqual([expect.objectContaining({ code: 'ARTICLE_DEADLINE', count: 3 })]);
    });

    // The page server answers only once `release` requests are waiting, so the most it ever sees at once is a count.
    async function pairingServer(release: number) {
      const waiting: ServerResponse[] = [];
      let inFlight = 0;
      let maxInFlight = 0;
      const s = await articleServer((res, path) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        waiting.push(res);
        const answer = () => {
          for (const r of waiting.splice(0)) {
            inFlight--;
            r.writeHead(200, { 'content-type': 'text/html' });
            r.end(`<html><body><article><h1>Page</h1><p>${'Full article text of the page, much longer than the feed. '.repeat(5)}${path}</p></article></body></html>`);
          }
        };
        if (waiting.length >= release) answer();
        // A lone last request must not wait for a partner that never comes.
        else setTimeout(answer, 3_000).unref();
      });
      return { s, max: () => maxInFlight };
    }

    it('should fetch at most hostConcurrency pages of one host at once', async () => {
      const pages = await pairingServer(2);
      serveFeed('/a', rss([1, 2, 3, 4].map((i) => ({ title: `Page ${i}`, link: `${pages.s.url}/p/${i}` }))));
      const p = poller([], { fetchArticles: true, allowPrivateArticleHosts: [`127.0.0.1:${pages.s.port}`], articleConcurrency: 4, hostConcurrency: 2 });
      expect(await p.poll({ id: 'a', url: url('a.example', '/a') })).toMatchObject({ ok: true, published: 4, warnings: [] });
      expect(pages.max()).toBe(2);
      expect(pages.s.requests).toHaveLength(4);
      expect(published.every((a) => a.text.includes('Full article text of the page'))).toBe(true);
    });

    it('should fetch the pages of one poll side by side, not one after another', async () => {
      const pages = await pairingServer(3);
      serveFeed('/a', rss([1, 2, 3].map((i) => ({ title: `Page ${i}`, link: `${pages.s.url}/p/${i}` }))));
      const p = poller([], { fetchArticles: true, allowPrivateArticleHosts: [`127.0.0.1:${pages.s.port}`], articleConcurrency: 3, hostConcurrency: 3 });
      expect(await p.poll({ id: 'a', url: url('a.example', '/a') })).toMatchObject({ ok: true, published: 3 });
      expect(pages.max()).toBe(3);
    });

    it('should read an article page in the charset its server declares, not as UTF-8', async () => {
      const page = `<html><body><article><h1>Pacte</h1><p>${'L\u2019Universit\u00e9 de Montr\u00e9al et la Soci\u00e9t\u00e9 sign\u00e9e une collaboration de recherche. '.replace('\u2019', "'").repeat(4)}</p></article></body></html>`;
      const s = await articleServer((res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=ISO-8859-1' });
        res.end(Buffer.from(page, 'latin1'));
      });
      serveFeed('/a', rss([{ title: 'Pacte de recherche', link: `${s.url}/p/1` }]));
      const p = poller([], { fetchArticles: true, allowPrivateArticleHosts: [`127.0.0.1:${s.port}`] });
      expect(await p.poll({ id: 'a', url: url('a.example', '/a') })).toMatchObject({ ok: true, published: 1 });
      expect(published[0].text).toContain("L'Université de Montréal");
      expect(published[0].text).not.toContain('\ufffd');
    });

    it('should say in feed health when the scheduler polls the feed next', async () => {
      serveFeed('/a', rss([{ title: 'Scheduled', link: 'https://a.example/s' }]));
      const p = poller([{ id: 'a', url: url('a.example', '/a') }], { pollIntervalMs: 60_000 });
      await p.onApplicationBootstrap();
      await expectEventually(async () => expect((await store.hgetall(FEED_HEALTH_KEY)).a).toBeDefined(), { timeoutMs: 10_000 });
      const h = await health('a');
      const next = Date.parse(h.nextPollAt!) - Date.parse(h.lastPolledAt!);
      // One interval after this poll, with the scheduler's ±10% jitter.
      expect(next).toBeGreaterThanOrEqual(54_000);
      expect(next).toBeLessThanOrEqual(66_000 + 10_000);
    });

    it('should say ITEMS_CUT in feed health when a feed has more items than are read', async () => {
      serveFeed('/big', rss(Array.from({ length: 505 }, (_, i) => ({ title: `Item ${i}`, link: `https://a.example/i/${i}` }))));
      const p = poller([]);
      const summary = await p.poll({ id: 'big', url: url('a.example', '/big') });
      expect(summary).toMatchObject({ ok: true, items: 500, published: 500 });
      expect((await health('big')).warnings).toEqual([expect.objectContaining({ code: 'ITEMS_CUT', count: 5 })]);
    });
  });

  describe('allow-list for feeds only', () => {
    it('should refuse, and count, an article link to an allowed feed host, never requesting it', async () => {
      const admin = await articleServer((res) => res.end('admin panel'));
      serveFeed('/hostile', rss([
        { title: 'Admin of another allowed host', link: `${admin.url}/admin`, description: 'Feed text one.' },
        { title: 'Admin of the feed host itself', link: `http://127.0.0.1:${feeds.port}/admin`, description: 'Feed text two.' },
      ]));
      const p = poller([], { fetchArticles: true, allowPrivateHosts: [`127.0.0.1:${feeds.port}`, `127.0.0.1:${admin.port}`] });
      const summary = await p.poll({ id: 'hostile', url: `http://127.0.0.1:${feeds.port}/hostile` });
      expect(summary).toMatchObject({ ok: true, published: 2, warnings: [{ code: 'ARTICLE_REFUSED', count: 2 }] });
      expect(admin.requests).toHaveLength(0);
      expect(feeds.requests.map((r) => r.path)).toEqual(['/hostile']);
      expect(published.map((a) => a.text)).toEqual(['Feed text one.', 'Feed text two.']);
    });

    it('should refuse a feed on a port the allow-list does not name', async () => {
      const other = await articleServer((res) => res.end(rss([{ title: 'x', link: 'https://a.example/x' }])));
      const p = poller([], { allowPrivateHosts: [`127.0.0.1:${feeds.port}`] });
      const summary = await p.poll({ id: 'other', url: `${other.url}/rss` });
      expect(summary).toMatchObject({ ok: false, errorCode: 'FEED_URL_REFUSED' });
      expect(other.requests).toHaveLength(0);
      expect(await health('other')).toMatchObject({ status: 'error', errorCode: 'FEED_URL_REFUSED', warnings: [] });
    });
  });
});
