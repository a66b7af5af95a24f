import { parseFeed } from './parse-feed';

// Invented feeds: the three ways a feed names its WebSub hub in the document.
describe('WebSub links in the feed document', () => {
  it('reads rel=hub and rel=self from an Atom feed, resolving relative hubs', async () => {
    const r = await parseFeed(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
      <link rel="alternate" href="https://wire.example/"/><link rel="self" href="https://wire.example/atom"/><link rel="hub" href="/hub"/>
      <entry><title>One</title><link href="https://wire.example/1"/><id>1</id></entry></feed>`, { url: 'https://wire.example/atom' });
    expect(r).toMatchObject({ ok: true, push: { hubs: ['https://wire.example/hub'], self: 'https://wire.example/atom' } });
    if (r.ok) expect(r.feed.link).toBe('https://wire.example/');
  });

  it('reads atom:link elements of an RSS channel under any prefix', async () => {
    const r = await parseFeed(`<rss version="2.0" xmlns:atom10="http://www.w3.org/2005/Atom"><channel><title>Wire</title><link>https://wire.example/</link>
      <atom10:link rel="hub" href="https://hub.example/"/><atom10:link rel="self" href="https://wire.example/rss"/>
      <item><title>One</title><link>https://wire.example/1</link></item></channel></rss>`);
    expect(r).toMatchObject({ ok: true, push: { hubs: ['https://hub.example/'], self: 'https://wire.example/rss' } });
  });

  it('reads JSON Feed hubs of type WebSub only', async () => {
    const r = await parseFeed(JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1', title: 'Wire', feed_url: 'https://wire.example/feed.json',
      hubs: [{ type: 'rssCloud', url: 'https://cloud.example/' }, { type: 'WebSub', url: 'https://hub.example/' }], items: [],
    }));
    expect(r).toMatchObject({ ok: true, push: { hubs: ['https://hub.example/'], self: 'https://wire.example/feed.json' } });
  });

  it('leaves push out when no hub is named, and drops hubs that are not http(s)', async () => {
    const none = await parseFeed('<rss version="2.0"><channel><title>Wire</title><atom:link rel="self" href="https://wire.example/rss" xmlns:atom="http://www.w3.org/2005/Atom"/></channel></rss>');
    expect(none.ok && 'push' in none).toBe(false);
    const bad = await parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><link rel="hub" href="javascript:alert(1)"/></feed>');
    expect(bad.ok && 'push' in bad).toBe(false);
  });
});
