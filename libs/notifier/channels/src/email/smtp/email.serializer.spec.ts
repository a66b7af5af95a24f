import { alertModel, RENDER_LIMITS } from '@pharma-radar/notifier-subscriptions';
import { aFlag } from '@pharma-radar/testing';
import { emailContent, listUnsubscribeHeaders } from './email.serializer';

const links = {
  feedback: { relevant: 'https://radar.example.com/api/feedback?token=r.1', not_relevant: 'https://radar.example.com/api/feedback?token=n.1' },
  unsubscribe: 'https://radar.example.com/api/unsubscribe?token=u.1',
};
const licensing = () => aFlag().withClassification({
  event_type: 'licensing_with_rd',
  parties: [{ name: 'Quillfish Therapeutics', type: 'biotech', role: 'licensor' }, { name: 'AstraZeneca', type: 'pharma', role: 'licensee' }],
  therapeutic_areas: ['oncology'],
  financial_terms: { upfront: 50_000_000, currency: 'USD', undisclosed: false, text: '' },
  evidence: 'Quillfish grants AstraZeneca an exclusive licence.',
  confidence: 0.87,
  why: [{ feature: 'cue', weight: 1, label: 'licence words in the opening' }],
});
/** Tag names in an HTML string: only the template's own may appear. */
const tags = (html: string) => new Set([...html.matchAll(/<\/?([a-z0-9!]+)/gi)].map((t) => t[1].toLowerCase()));
const TEMPLATE_TAGS = ['!doctype', 'a', 'blockquote', 'body', 'h2', 'head', 'html', 'li', 'meta', 'p', 'strong', 'table', 'td', 'th', 'tr', 'ul'];

describe('emailContent', () => {
  it('should write parties with types and roles, deal type, areas, money, evidence, why, sources, confidence and links in the text part', () => {
    const { text, subject } = emailContent(alertModel(licensing().build()), links);
    expect(subject).toBe('R&D collaboration: Quillfish Therapeutics + AstraZeneca (licensing_with_rd)');
    expect(text.split('\n')).toEqual(expect.arrayContaining([
      '- Quillfish Therapeutics (biotech, licensor)',
      '- AstraZeneca (pharma, licensee)',
      'Deal type: licensing with rd',
      'Therapeutic areas: oncology',
      'Money: upfront USD 50 million',
      'Confidence: 87%',
      'Evidence: "Quillfish grants AstraZeneca an exclusive licence."',
      'Why flagged: licence words in the opening',
      `Relevant: ${links.feedback.relevant}`,
      `Not relevant: ${links.feedback.not_relevant}`,
      `Unsubscribe: ${links.unsubscribe}`,
    ]));
    expect(text).toMatch(/^- Sample Pharma Wire: https:\/\/news\.example\//m);
  });

  it('should carry the same facts and the escaped links in the HTML part', () => {
    const { html } = emailContent(alertModel(licensing().build()), links);
    expect(html).toContain('<li>Quillfish Therapeutics (biotech, licensor)</li>');
    expect(html).toContain('<tr><th align="left">Money</th><td>upfront USD 50 million</td></tr>');
    expect(html).toContain(`<a href="${links.unsubscribe}">Unsubscribe from these alerts</a>`);
    expect(html).toContain(`<a href="${links.feedback.relevant}">Relevant</a>`);
  });

  it('should leave out links that were not given', () => {
    const { text, html } = emailContent(alertModel(aFlag().build()));
    expect(text).not.toMatch(/Relevant|Unsubscribe/);
    expect(html).not.toMatch(/feedback|unsubscribe/i);
  });

  it.each([
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    '<!channel> *bold* & co',
  ])('should HTML-escape %j wherever feed text reaches the HTML part', (evil) => {
    const flag = aFlag().withClassification({
      parties: [{ name: evil, type: 'biotech', role: evil.slice(0, 30) }], therapeutic_areas: [evil],
      financial_terms: { undisclosed: false, text: evil }, evidence: evil, why: [{ feature: 'f', weight: 1, label: evil }],
    }).build();
    const { html } = emailContent(alertModel({ ...flag, title: evil, source: evil }), links);
    expect(html).not.toContain(evil);
    expect([...tags(html)].every((t) => TEMPLATE_TAGS.includes(t))).toBe(true);
  });

  it('should escape a quote in a source URL when it lands in an href attribute', () => {
    const flag = aFlag().build();
    const { html } = emailContent(alertModel({ ...flag, url: 'https://news.example.com/a?x=1&y="2"', sources: [{ articleId: 'a', url: null, source: null, publishedAt: null }] }));
    expect(html).toContain('href="https://news.example.com/a?x=1&amp;y=%222%22"');
  });

  it.each([
    ['CRLF', 'Deal\r\nBcc: attacker@evil.example'],
    ['LF', 'Deal\nBcc: attacker@evil.example'],
    ['U+2028', 'Deal\u2028Bcc: attacker@evil.example'],
    ['U+0085', 'Deal\u0085Bcc: attacker@evil.example'],
  ])('should keep the subject one line when a party name carries %s', (_label, name) => {
    const { subject, text } = emailContent(alertModel(aFlag().withParties({ name, type: 'biotech' }).build()));
    expect(subject).toBe('R&D collaboration: Deal Bcc: attacker@evil.example (research_collaboration)');
    expect(subject).not.toMatch(/[\p{Cc}\u2028\u2029\u0085]/u);
    expect(text).not.toMatch(/^Bcc:/m);
  });

  it('should keep the subject within its limit when the headline is as long as the contract allows', () => {
    const flag = aFlag().withParties({ name: 'x'.repeat(500), type: 'biotech' }, { name: 'y'.repeat(500), type: 'pharma' }).build();
    expect(Array.from(emailContent(alertModel(flag)).subject).length).toBeLessThanOrEqual(RENDER_LIMITS.subject);
  });
});

describe('listUnsubscribeHeaders', () => {
  it('should list mailto then https and ask for one-click POST (RFC 8058)', () => {
    expect(listUnsubscribeHeaders({ https: links.unsubscribe, mailto: 'mailto:unsubscribe@pharma-radar.example?subject=unsubscribe%20u.1' })).toEqual({
      'List-Unsubscribe': `<mailto:unsubscribe@pharma-radar.example?subject=unsubscribe%20u.1>, <${links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it.each([
    [{ https: 'http://radar.example.com/u' }, /https/],
    [{ https: 'https://radar.example.com/u\r\nBcc: x@y' }, /break the header/],
    [{ https: 'https://radar.example.com/u>, <https://evil.example' }, /break the header/],
    [{ https: 'https://radar.example.com/u', mailto: 'https://x' }, /mailto/],
  ])('should refuse %j', (target, message) => {
    expect(() => listUnsubscribeHeaders(target)).toThrow(message);
  });
});
