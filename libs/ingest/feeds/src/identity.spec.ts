import { feedItemIdentity, isTrustedLink, sameStory, siteOf, storyWords } from './identity';
import type { NormalisedItem } from './types';

function item(fields: Partial<NormalisedItem>): NormalisedItem {
  return { id: 'i_x', guid: null, title: '', link: null, canonicalUrl: null, published: null, updated: null, summary: null, content: null, contentHtml: null, authors: [], categories: [], ...fields };
}

describe('siteOf', () => {
  it.each([
    ['news.pharma.example', 'pharma.example'],
    ['WWW.Pharma.Example.', 'pharma.example'],
    ['pharma.example', 'pharma.example'],
    ['feeds.bbc.co.uk', 'bbc.co.uk'],
    ['www.abc.net.au', 'abc.net.au'],
    ['outlet.substack.com', 'outlet.substack.com'],
    ['x.outlet.substack.com', 'outlet.substack.com'],
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
  ])('should give %s the site %s', (host, site) => {
    expect(siteOf(host)).toBe(site);
  });
});

describe('isTrustedLink', () => {
  const own = { feedId: 'real', feedUrl: 'https://feeds.real.example/rss' };
  it('should trust a link on the feed URL\u2019s site and nothing else when the feed is not an aggregator', () => {
    expect(isTrustedLink('https://www.real.example/story', own)).toBe(true);
    expect(isTrustedLink('https://other.example/story', own)).toBe(false);
    expect(isTrustedLink('https://real.example.evil.example/story', own)).toBe(false);
    expect(isTrustedLink(null, own)).toBe(false);
  });

  it('should trust the configured site and every link of a configured aggregator', () => {
    expect(isTrustedLink('https://www.real.example/s', { feedId: 'fb', feedUrl: 'https://feeds.feedburner.com/real', site: 'real.example' })).toBe(true);
    expect(isTrustedLink('https://anyone.example/s', { feedId: 'agg', feedUrl: 'https://agg.example/rss', aggregator: true })).toBe(true);
  });

  it('should trust nothing for a file feed without a configured site', () => {
    expect(isTrustedLink('https://real.example/s', { feedId: 'file' })).toBe(false);
  });
});

describe('feedItemIdentity', () => {
  const real = { feedId: 'real', feedUrl: 'https://real.example/rss' };
  const squatter = { feedId: 'squatter', feedUrl: 'https://squatter.example/rss' };

  it('should give a trusted link the global id whatever the guid, tracking parameters or scheme', () => {
    const a = feedItemIdentity(item({ link: 'https://real.example/p?utm_source=rss', guid: 'g1' }), real);
    const b = feedItemIdentity(item({ link: 'http://REAL.example/p/', guid: 'g2' }), { ...real, feedId: 'real-deals' });
    expect(a).toMatchObject({ scope: 'global', canonicalUrl: 'https://real.example/p' });
    expect(a.id).toBe(b.id);
  });

  it('should scope another outlet\u2019s URL to the feed that lists it, so the outlet keeps its own id', () => {
    const forged = feedItemIdentity(item({ link: 'https://real.example/p?utm_source=squat', title: 'Invented' }), squatter);
    const genuine = feedItemIdentity(item({ link: 'https://real.example/p', title: 'Real story' }), real);
    expect(forged.scope).toBe('feed');
    expect(forged.canonicalUrl).toBe(genuine.canonicalUrl);
    expect(forged.id).not.toBe(genuine.id);
  });

  it('should give the same guid in two feeds two ids, and the same guid in one feed one id', () => {
    const a = feedItemIdentity(item({ guid: '12345', title: 'A' }), { feedId: 'a' });
    const b = feedItemIdentity(item({ guid: '12345', title: 'B' }), { feedId: 'b' });
    const a2 = feedItemIdentity(item({ guid: '12345', title: 'A edited' }), { feedId: 'a' });
    expect(a.id).not.toBe(b.id);
    expect(a.id).toBe(a2.id);
  });

  it('should give an item without guid or link an id from its title and date, and a content key for changing guids', () => {
    const x = feedItemIdentity(item({ title: 'T', published: '2026-01-01T00:00:00.000Z', summary: 'S' }), { feedId: 'f' });
    const y = feedItemIdentity(item({ title: 'T', published: '2026-01-02T00:00:00.000Z', summary: 'S' }), { feedId: 'f' });
    expect(x.id).not.toBe(y.id);
    expect(x.id).toMatch(/^i_[0-9a-f]{20}$/);
    const g1 = feedItemIdentity(item({ guid: 'rnd-1', title: 'Same', summary: 'Same text' }), { feedId: 'f' });
    const g2 = feedItemIdentity(item({ guid: 'rnd-2', title: 'Same', summary: 'Same  text' }), { feedId: 'f' });
    expect(g1.id).not.toBe(g2.id);
    expect(g1.contentKey).toBe(g2.contentKey);
    expect(feedItemIdentity(item({ guid: 'rnd-1', title: 'Same', summary: 'Same text' }), { feedId: 'g' }).contentKey).not.toBe(g1.contentKey);
    expect(feedItemIdentity(item({ link: 'https://real.example/p', title: 'Same' }), real).contentKey).toBeNull();
  });
});

describe('sameStory', () => {
  const words = storyWords;
  it('should match a syndicated copy and not an invented title under the same URL', () => {
    const original = words('Pfizer and BioNTech partner on mRNA flu vaccine');
    expect(original).toEqual(['biontech', 'flu', 'mrna', 'partner', 'pfizer', 'vaccine']);
    expect(sameStory(original, words('Pfizer, BioNTech partner on mRNA flu vaccine \u2013 Reuters'))).toBe(true);
    expect(sameStory(original, words('Acme Corp announces record quarterly profits'))).toBe(false);
    expect(sameStory(original, words('Pfizer ends vaccine deal'))).toBe(false);
  });

  it('should require equal words when a title is too short to compare', () => {
    expect(sameStory(words('\u{1F48A}'), words('\u{1F48A}'))).toBe(true);
    expect(sameStory(words('Deal'), words('Deal signed today'))).toBe(false);
  });
});
