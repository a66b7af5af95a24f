import { aFlag } from './__fixtures__/flag.fixture';
import { alertModel, eventTypeLabel, formatMoney, formatTerms, RENDER_LIMITS, renderAlert } from './render';

type SlackBlock = { type: string; text?: { type: string; text: string }; elements?: { text: string }[] };
const slackStrings = (m: ReturnType<typeof renderAlert>) => [
  m.slack.text,
  ...(m.slack.blocks as SlackBlock[]).flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text)]),
];
/** Slack control sequences that survived escaping: every '<' must be one we wrote for a link. */
const slackAngles = (s: string) => s.match(/<[^>]*>/g) ?? [];

describe('renderAlert', () => {
  it('should say why it was flagged, in plain words, in text, HTML and Slack, escaped', () => {
    const flag = aFlag({ classification: { why: [
      { feature: 'cue:new_joint_work@lead', weight: 0.9, label: 'new joint work, in the opening' },
      { feature: 'tw:<b>', weight: 0.2, label: 'headline words "<b>"' },
    ] } });
    const m = renderAlert(flag);
    expect(m.text).toContain('Why flagged: new joint work, in the opening; headline words "<b>"');
    expect(m.html).toContain('Why flagged: new joint work, in the opening; headline words &quot;&lt;b&gt;&quot;');
    expect(slackStrings(m).join('\n')).toContain('_Why flagged:_ new joint work, in the opening; headline words "&lt;b&gt;"');
  });

  it('should leave the line out for a flag from before the learned model', () => {
    expect(renderAlert(aFlag()).text).not.toContain('Why flagged');
  });

  it('should name both parties and the type when rendering the subject', () => {
    expect(renderAlert(aFlag()).subject).toBe('R&D collaboration: AstraZeneca PLC + N.N. Petrov Institute of Oncology (research_collaboration)');
  });

  it('should show the role of a party next to its type when the classifier read one', () => {
    const flag = aFlag({ classification: { event_type: 'licensing_with_rd', parties: [
      { name: 'Quillfish Therapeutics', type: 'biotech', role: 'licensor' },
      { name: 'AstraZeneca', type: 'pharma', role: 'licensee' },
    ] } });
    expect(renderAlert(flag).text).toContain('Parties: Quillfish Therapeutics (biotech, licensor), AstraZeneca (pharma, licensee)');
  });

  it('should include parties, type, areas, money, evidence, link and confidence when rendering the text body', () => {
    expect(renderAlert(aFlag()).text).toBe([
      'R&D collaboration: AstraZeneca PLC + N.N. Petrov Institute of Oncology (research_collaboration)',
      'AstraZeneca and N.N. Petrov Institute of Oncology partner on early cancer research',
      '',
      'Type: research_collaboration',
      'Parties: AstraZeneca PLC (pharma), N.N. Petrov Institute of Oncology (academic)',
      'Therapeutic areas: oncology',
      'Financial terms: upfront USD 50 million; milestones up to USD 1.2 billion',
      'Confidence: 87%',
      '',
      'Evidence: "AstraZeneca will collaborate with the N.N. Petrov Institute to discover new antibody-drug conjugates."',
      '',
      'Sources:',
      '- https://news.example.com/az-petrov',
    ].join('\n'));
  });

  it('should count extra parties when there are more than two', () => {
    const flag = aFlag({ classification: { event_type: 'consortium', parties: ['A Bio', 'B Pharma', 'C Univ', 'D Inst'].map((name) => ({ name, type: 'other' as const })) } });
    expect(renderAlert(flag).subject).toBe('R&D collaboration: A Bio + B Pharma + 2 more (consortium)');
  });

  it('should fall back to the title when no party was identified', () => {
    expect(renderAlert(aFlag({ classification: { parties: [] } })).subject).toBe(
      'R&D collaboration: AstraZeneca and N.N. Petrov Institute of Oncology partner on early cancer research (research_collaboration)',
    );
  });

  it('should render a Slack message with a fallback text and blocks when rendering', () => {
    const m = renderAlert(aFlag());
    expect(m.slack.text).toBe('R&amp;D collaboration: AstraZeneca PLC + N.N. Petrov Institute of Oncology (research_collaboration) — AstraZeneca and N.N. Petrov Institute of Oncology partner on early cancer research');
    expect(m.slack.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: expect.stringContaining('*Parties:* AstraZeneca PLC (pharma), N.N. Petrov Institute of Oncology (academic)') } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Confidence 87% · <https://news.example.com/az-petrov|source 1>' }] },
    ]);
  });

  describe('Slack injection', () => {
    it.each(['<!channel>', '<!here>', '<!everyone>', '<!subteam^S123>', '<@U123>', '<#C123>', '<https://evil.example|Pfizer–BioNTech collaboration>'])(
      'should make %j inert when it appears in the title, a party and the evidence',
      (evil) => {
        const m = renderAlert(aFlag({ title: `Deal ${evil} now`, classification: { parties: [{ name: `Acme ${evil}`, type: 'biotech' }], evidence: `says ${evil}` } }));
        for (const s of slackStrings(m)) {
          expect(s).not.toContain(evil);
          for (const angle of slackAngles(s)) expect(angle).toMatch(/^<https:\/\/news\.example\.com\/az-petrov\|source 1>$/);
        }
        expect(m.slack.text).toContain(evil.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      },
    );

    it('should escape ampersands before angle brackets when both appear', () => {
      expect(renderAlert(aFlag({ title: 'A &lt;!channel&gt; & B' })).slack.text).toContain('A &amp;lt;!channel&amp;gt; &amp; B');
    });

    it('should keep every Slack text within 3 000 characters when the title and evidence are as long as the contract allows', () => {
      const m = renderAlert(aFlag({ title: '<!channel> '.repeat(363).slice(0, 4_000), classification: { evidence: '&'.repeat(4_000) } }));
      for (const s of slackStrings(m)) expect(s.length).toBeLessThanOrEqual(RENDER_LIMITS.slackText);
      // Truncation never leaves half an entity behind.
      for (const s of slackStrings(m)) expect(s).not.toMatch(/&(?!amp;|lt;|gt;)/);
    });

    it('should defuse a title of 3 000 asterisks when rendering for Slack', () => {
      const m = renderAlert(aFlag({ title: '*'.repeat(3_000) }));
      expect(m.slack.text).not.toContain('****');
      expect(m.slack.text.length).toBeLessThan(300);
      expect(m.subject.length).toBeLessThanOrEqual(RENDER_LIMITS.subject);
    });

    it('should not let a link URL close the Slack link early when it contains | or >', () => {
      const m = renderAlert(aFlag({ url: 'https://news.example.com/a|b?q=<x>&y=1', sources: [{ articleId: 'a', url: null, source: null, publishedAt: null }] }));
      const context = (m.slack.blocks as SlackBlock[])[1].elements![0].text;
      expect(context).toBe('Confidence 87% · <https://news.example.com/a%7Cb?q=%3Cx%3E&amp;y=1|source 1>');
    });

    it('should keep the title within 300 characters when it is as long as the contract allows (4 000)', () => {
      const m = renderAlert(aFlag({ title: 'x'.repeat(4_000) }));
      expect(m.text.split('\n')[1]).toHaveLength(RENDER_LIMITS.title);
    });
  });

  describe('email header and HTML safety', () => {
    it.each([
      ['CRLF', 'Deal\r\nBcc: attacker@evil.example'],
      ['LF', 'Deal\nBcc: attacker@evil.example'],
      ['CR', 'Deal\rBcc: attacker@evil.example'],
      ['U+2028', 'Deal\u2028Bcc: attacker@evil.example'],
      ['U+2029', 'Deal\u2029Bcc: attacker@evil.example'],
      ['U+0085', 'Deal\u0085Bcc: attacker@evil.example'],
      ['NUL and VT', 'Deal\u0000\u000bBcc: attacker@evil.example'],
    ])('should strip %s from the subject when a party name carries it', (_label, name) => {
      const m = renderAlert(aFlag({ classification: { parties: [{ name, type: 'biotech' }] } }));
      expect(m.subject).toBe('R&D collaboration: Deal Bcc: attacker@evil.example (research_collaboration)');
      expect(m.subject).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
    });

    it('should break up an RFC 2047 encoded word when the title smuggles one into the subject', () => {
      // "=?UTF-8?B?RGVhbA0KQmNjOiB4QHk=?=" decodes to "Deal\r\nBcc: x@y".
      const m = renderAlert(aFlag({ classification: { parties: [] }, title: '=?UTF-8?B?RGVhbA0KQmNjOiB4QHk=?=' }));
      expect(m.subject).not.toContain('=?');
    });

    it('should strip line breaks from every body line when a field carries them', () => {
      const m = renderAlert(aFlag({ title: 'Deal\r\nBcc: attacker@evil.example', classification: { evidence: 'x\n\nSources:\n- https://evil.example' } }));
      expect(m.text).not.toContain('\nBcc:');
      expect(m.text.match(/^- /gm)).toEqual(['- ']);
    });

    it.each([
      '<img src=x onerror=alert(1)>',
      '<script>alert(1)</script>',
      '"><script>alert(1)</script>',
      "'><svg onload=alert(1)>",
    ])('should escape %j when it reaches the HTML body', (evil) => {
      const m = renderAlert(aFlag({ title: evil, classification: { parties: [{ name: evil, type: 'biotech' }], evidence: evil } }));
      expect(m.html).not.toContain(evil);
      // Only the tags the template writes survive; the payload is text, so its attributes are inert.
      const tags = new Set([...m.html.matchAll(/<\/?([a-z0-9!]+)/gi)].map((t) => t[1].toLowerCase()));
      expect([...tags].sort()).toEqual(['!doctype', 'a', 'blockquote', 'body', 'h2', 'html', 'li', 'p', 'table', 'td', 'th', 'tr', 'ul']);
    });

    it('should strip an RTL override and zero-width characters when present in the title', () => {
      const m = renderAlert(aFlag({ title: 'Pfizer\u202Egnp.exe\u200B\u200D' }));
      expect(m.text.split('\n')[1]).toBe('Pfizer gnp.exe');
    });
  });

  describe('links', () => {
    it.each([
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      '\tjavascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=',
      'vbscript:msgbox(1)',
      '//evil.example',
      'file:///etc/passwd',
      ' https://x"> <img src=1> ',
      'https://user:pass@news.example.com/',
    ])('should drop the link %j when it is not a clean http(s) URL', (url) => {
      const m = renderAlert(aFlag({ url, sources: [{ articleId: 'a', url, source: null, publishedAt: null }] }));
      expect(m.text).toContain('Sources: (no web link)');
      expect(m.html).not.toMatch(/href=/);
      expect(m.html.toLowerCase()).not.toContain('javascript');
      expect(slackStrings(m).join('')).not.toMatch(/<(?!https?:)/);
    });

    it('should list each link once when sources repeat the main URL', () => {
      const m = renderAlert(aFlag({
        sources: [
          { articleId: 'a', url: 'https://news.example.com/az-petrov', source: null, publishedAt: null },
          { articleId: 'b', url: 'https://other.example.org/story', source: null, publishedAt: null },
        ],
      }));
      expect(m.text.match(/^- .*/gm)).toEqual(['- https://news.example.com/az-petrov', '- https://other.example.org/story']);
      expect(m.html).toContain('<a href="https://other.example.org/story">');
    });

    it('should escape a query string when it reaches an HTML attribute', () => {
      const m = renderAlert(aFlag({ url: 'https://news.example.com/a?x=1&y="2"' }));
      expect(m.html).toContain('href="https://news.example.com/a?x=1&amp;y=%222%22"');
    });
  });
});

describe('formatTerms', () => {
  it.each([
    [null, 'not reported'],
    [{ undisclosed: true, text: '' }, 'undisclosed'],
    [{ undisclosed: true, text: 'terms were not disclosed' }, 'undisclosed (terms were not disclosed)'],
    [{ total: 2_500_000_000, currency: 'EUR', royalties: true, undisclosed: false, text: '' }, 'total up to EUR 2.5 billion; plus royalties'],
    [{ undisclosed: false, text: 'double-digit royalties' }, 'double-digit royalties'],
  ])('should render %j as %j', (terms, expected) => {
    expect(formatTerms(terms)).toBe(expected);
  });
});

describe('formatMoney', () => {
  it.each([
    [250_000, 'USD 250,000'],
    [50_000_000, 'USD 50 million'],
    [1_250_000_000, 'USD 1.25 billion'],
    [0, 'USD 0'],
  ])('should format %d as %j', (n, s) => {
    expect(formatMoney(n, 'USD')).toBe(s);
  });
});

describe('alertModel', () => {
  it('should give every channel the same cleaned, unescaped facts', () => {
    const flag = aFlag({ classification: {
      parties: [{ name: 'Quillfish\r\nTherapeutics', type: 'biotech', role: 'licensor' }, { name: '  ', type: 'pharma' }],
      why: [{ feature: 'cue:x', weight: 1, label: 'new joint work' }, { feature: 'tw:y', weight: 0.5 }],
    } });
    expect(alertModel(flag)).toEqual({
      collaborationId: 'collab-az-petrov-2025',
      revision: 1,
      headline: 'R&D collaboration: Quillfish Therapeutics (research_collaboration)',
      title: 'AstraZeneca and N.N. Petrov Institute of Oncology partner on early cancer research',
      eventType: 'research_collaboration',
      parties: [{ name: 'Quillfish Therapeutics', type: 'biotech', role: 'licensor' }],
      therapeuticAreas: ['oncology'],
      money: 'upfront USD 50 million; milestones up to USD 1.2 billion',
      financialTerms: flag.classification.financial_terms,
      confidence: 0.87,
      evidence: 'AstraZeneca will collaborate with the N.N. Petrov Institute to discover new antibody-drug conjugates.',
      why: ['new joint work', 'tw:y'],
      sources: [{ url: 'https://news.example.com/az-petrov', source: 'Example Pharma News', publishedAt: '2025-03-04T09:00:00Z' }],
      publishedAt: '2025-03-04T09:00:00Z',
      ingestedAt: '2025-03-04T09:05:00Z',
    });
  });

  it('should leave HTML and Slack control characters to each medium', () => {
    expect(alertModel(aFlag({ title: '<!channel> & <b>' })).title).toBe('<!channel> & <b>');
  });

  it('should keep a source without a link by its outlet, drop unsafe links and cap the list', () => {
    const sources = [
      { articleId: 'a', url: 'javascript:alert(1)', source: 'Wire A', publishedAt: null },
      { articleId: 'b', url: null, source: null, publishedAt: null },
      ...Array.from({ length: 10 }, (_, i) => ({ articleId: `c${i}`, url: `https://s${i}.example/x`, source: null, publishedAt: null })),
    ];
    const model = alertModel(aFlag({ sources }));
    expect(model.sources[1]).toEqual({ url: null, source: 'Wire A', publishedAt: null });
    expect(model.sources).toHaveLength(RENDER_LIMITS.sources);
    expect(model.sources.every((s) => s.url === null || s.url.startsWith('https://'))).toBe(true);
  });

  it('should be attached to what renderAlert returns, so providers can render it themselves', () => {
    const flag = aFlag();
    expect(renderAlert(flag).alert).toEqual(alertModel(flag));
  });

  it('should spell deal types as words', () => {
    expect(eventTypeLabel('licensing_with_rd')).toBe('licensing with rd');
  });
});
