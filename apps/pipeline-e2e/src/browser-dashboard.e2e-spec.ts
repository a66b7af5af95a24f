import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { expectEventually } from '@pharma-radar/testing';
import { CHROMIUM_ARGS, chromiumPath, ROOT, startSystem, type FeedItem, type RunningSystem } from './browser-system';

// The dashboard in a real browser (Debian's headless Chromium through puppeteer-core) against `npm start` on the
// embedded bus: the bundled sample feeds plus a local feed server with invented items, one of them with a hostile
// title. Screenshots go to artifacts/screenshots/ (kept by CI, ignored by git).

const SHOTS = join(ROOT, 'artifacts/screenshots');
const HOSTILE = '<img src=x onerror="document.title=\'pwned\'"> Quillon Therapeutics';
// The publisher escaped the markup once more (as feeds whose titles are HTML do), so ingest keeps it as literal text
// and the dashboard is what must not run it.
const HOSTILE_IN_FEED = HOSTILE.replace(/</g, '&lt;').replace(/>/g, '&gt;');
const item = (guid: string, title: string, text: string, pubDate: string): FeedItem => ({ guid, title, text, pubDate, link: `https://local-wire.example/${guid}` });
const items: FeedItem[] = [
  item('hostile-1', `${HOSTILE_IN_FEED} and Marlow University partner on ALS gene therapy`,
    'Quillon Therapeutics has signed a research collaboration with Marlow University to develop gene therapies for amyotrophic lateral sclerosis. Scientists from both sides will run joint preclinical studies. Financial terms were not disclosed.',
    'Tue, 01 Dec 2026 08:00:00 GMT'),
];
const LIVE = item('live-1', 'Brightwater Pharma and the Halden Institute will co-develop antibodies against sepsis',
  'Brightwater Pharma has entered into a research collaboration with the Halden Institute to co-develop monoclonal antibodies against sepsis. The partners will share development costs. Financial terms were not disclosed.',
  'Wed, 02 Dec 2026 08:00:00 GMT');

describe('dashboard in a browser (npm start, headless Chromium)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  const dialogs: string[] = [];
  const downloads = mkdtempSync(join(tmpdir(), 'browser-downloads-'));

  const rows = () => page.$$eval('#collaborations tbody tr', (trs) => trs.length);
  // The screen as a 1366x768 laptop shows it, and the whole page (the README's screenshots come from these).
  const shot = async (name: string) => {
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    await page.screenshot({ path: join(SHOTS, `${name}-full.png`), fullPage: true });
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    system = await startSystem(items, { pollSeconds: 5 });
    browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    await page.setViewport({ width: 1366, height: 768 });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('should sign in with the link npm start printed and list the flags, newest first', async () => {
    await page.goto(system.loginLink);
    await page.waitForFunction("location.pathname === '/' && !location.hash", { timeout: 20_000 });
    // The key left the address bar; it lives in an HttpOnly cookie now.
    expect(page.url()).not.toContain('prk_');
    expect(await page.evaluate('document.cookie')).toBe('');
    await expectEventually(async () => {
      await page.reload();
      await page.waitForSelector('#collaborations tbody tr', { timeout: 5_000 });
      expect(await rows()).toBeGreaterThanOrEqual(8);
    }, { timeoutMs: 90_000, intervalMs: 2_000 });
    const dates = await page.$$eval('#collaborations tbody tr td:first-child', (tds) => tds.map((td) => td.textContent ?? ''));
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(await page.$$eval('#charts svg', (svgs) => svgs.length)).toBe(4);
    await shot('analyst');
  }, 120_000);

  it('should render a hostile feed title as text, never as markup', async () => {
    const cell = await page.waitForSelector('xpath///tbody//a[contains(., "onerror")]', { timeout: 30_000 });
    expect(await cell!.evaluate((a) => a.textContent)).toContain(HOSTILE);
    expect(await page.$$('#collaborations img')).toHaveLength(0);
    expect(await page.title()).not.toBe('pwned');
    expect(dialogs).toEqual([]);
  });

  it('should narrow the list with a filter, on the server, and keep it in the address bar', async () => {
    const before = await rows();
    await page.type('#f-party', 'Marlow');
    await page.click('#filter button[type=submit]');
    await page.waitForFunction(`document.querySelectorAll('#collaborations tbody tr').length < ${before}`);
    expect(await rows()).toBe(1);
    expect(new URL(page.url()).searchParams.get('party')).toBe('Marlow');
    expect(await page.$eval('#count', (p) => p.textContent)).toBe('1 collaboration matches');
  });

  it('should download the current filter as CSV and as JSON', async () => {
    await page.click('#export-csv');
    await page.click('#export-json');
    await expectEventually(() => {
      const names = readdirSync(downloads);
      expect(names.filter((n) => n.endsWith('.csv'))).toHaveLength(1);
      expect(names.filter((n) => n.endsWith('.json'))).toHaveLength(1);
    }, { timeoutMs: 10_000, intervalMs: 200 });
    const names = readdirSync(downloads);
    const csv = readFileSync(join(downloads, names.find((n) => n.endsWith('.csv'))!), 'utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(csv).toHaveLength(2);
    expect(csv[0]).toMatch(/^collaborationId,date,title,/);
    expect(csv[1]).toContain('Marlow University');
    const json = JSON.parse(readFileSync(join(downloads, names.find((n) => n.endsWith('.json'))!), 'utf8')) as { total: number; filter: { party: string } };
    expect(json).toMatchObject({ total: 1, filter: { party: 'Marlow' } });
  });

  it('should open the detail page with the evidence marked in its lead, the sources and the parties', async () => {
    await Promise.all([page.waitForNavigation(), page.click('#collaborations tbody tr a')]);
    expect(new URL(page.url()).pathname).toMatch(/^\/collaborations\//);
    await page.waitForSelector('#collaboration h1');
    expect(await page.$eval('#collaboration h1', (h) => h.textContent)).toContain(HOSTILE);
    expect(await page.$$('#collaboration img')).toHaveLength(0);
    const marked = await page.$eval('blockquote mark', (m) => m.textContent ?? '');
    expect(marked).toMatch(/Quillon Therapeutics has signed a research collaboration with Marlow University/);
    const sourceLinks = await page.$$eval('section a[target=_blank]', (as) => as.map((a) => a.getAttribute('href')));
    expect(sourceLinks).toContain('https://local-wire.example/hostile-1');
    const parties = await page.$$eval('table tbody th', (ths) => ths.map((t) => t.textContent));
    expect(parties).toEqual(expect.arrayContaining(['Marlow University']));
    await shot('collaboration');
  });

  it('should add a new flag to the open list without reloading the page (server-sent events)', async () => {
    await page.goto(system.url);
    await page.waitForSelector('#collaborations tbody tr');
    const before = await rows();
    // A mark on this document: a reload would drop it.
    await page.evaluate('window.sameDocument = true');
    system.feed.items.push(LIVE);
    await page.waitForFunction(`document.querySelectorAll('#collaborations tbody tr').length > ${before}`, { timeout: 60_000 });
    expect(await page.evaluate('window.sameDocument')).toBe(true);
    expect(await page.$eval('#collaborations', (t) => t.textContent)).toContain('Brightwater Pharma');
  }, 90_000);

  it('should show the operator view with feed health, and say what is not available on the embedded bus', async () => {
    await page.goto(`${system.url}/operations`);
    await page.waitForSelector('#feeds table');
    const feeds = await page.$$eval('#feeds tbody th', (ths) => ths.map((t) => t.textContent));
    expect(feeds).toEqual(expect.arrayContaining(['local.test-wire', 'sample.pharma-wire']));
    expect(await page.$eval('#consumers', (d) => d.textContent)).toMatch(/not available on the embedded bus/);
    expect(await page.$eval('#model', (d) => d.textContent)).toMatch(/Running model learned-/);
    // npm start prints alerts to the console channel: counted by the notifier in the same process.
    expect(await page.$$eval('#deliveries tbody th', (ths) => ths.map((t) => t.textContent))).toContain('console');
    await shot('operations');
  });

  it('should be usable from the keyboard: the first Tab reaches the skip link, then the navigation', async () => {
    await page.goto(system.url);
    await page.waitForSelector('#collaborations');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to the results');
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement.getAttribute('href')")).toBe('/');
  });

  it('should load every page without a Content-Security-Policy violation', () => {
    expect(cspViolations).toEqual([]);
    expect(existsSync(join(SHOTS, 'analyst.png'))).toBe(true);
  });
});
