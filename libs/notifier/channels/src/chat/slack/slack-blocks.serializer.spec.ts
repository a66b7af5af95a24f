import { alertModel, type AlertModel } from '@pharma-radar/notifier-subscriptions';
import { aFlag } from '@pharma-radar/testing';
import { SLACK_LIMITS, slackCard, type SlackBlock, type SlackCard } from './slack-blocks.serializer';

const model = (f = aFlag()) => alertModel(f.build());
const links = { relevant: 'https://radar.example.com/api/feedback?token=r.x', not_relevant: 'https://radar.example.com/api/feedback?token=n.x' };

/** Every mrkdwn string of a card, with the fallback text. */
function mrkdwn(card: SlackCard): string[] {
  return [card.text, ...card.blocks.flatMap((b: SlackBlock) => {
    if (b.type === 'section') return [b.text.text, ...(b.fields ?? []).map((f) => f.text)];
    if (b.type === 'context') return b.elements.map((e) => e.text);
    if (b.type === 'header') return [b.text.text];
    return [];
  })];
}
/** Slack control sequences left in a string: every one must be a link we wrote. */
const angles = (s: string) => s.match(/<[^>]*>/g) ?? [];

describe('slackCard', () => {
  it('should show parties with types and roles, deal type, areas, money, evidence, sources and confidence', () => {
    const card = slackCard(model(aFlag().withClassification({
      event_type: 'licensing_with_rd',
      parties: [{ name: 'Quillfish Therapeutics', type: 'biotech', role: 'licensor' }, { name: 'AstraZeneca', type: 'pharma', role: 'licensee' }],
      therapeutic_areas: ['oncology', 'immunology'],
      financial_terms: { upfront: 50_000_000, milestones: 1_200_000_000, currency: 'USD', undisclosed: false, text: '' },
      evidence: 'Quillfish grants AstraZeneca an exclusive licence.',
      confidence: 0.87,
    })));
    expect(card.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'R&amp;D collaboration: Quillfish Therapeutics + AstraZeneca (licensing_with_rd)' } });
    expect(card.blocks[2]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*Parties*\n• Quillfish Therapeutics — biotech, licensor\n• AstraZeneca — pharma, licensee' },
      fields: [
        { type: 'mrkdwn', text: '*Deal type*\nlicensing with rd' },
        { type: 'mrkdwn', text: '*Confidence*\n87%' },
        { type: 'mrkdwn', text: '*Therapeutic areas*\noncology, immunology' },
        { type: 'mrkdwn', text: '*Money*\nupfront USD 50 million; milestones up to USD 1.2 billion' },
      ],
    });
    expect(card.blocks[3]).toEqual({ type: 'section', text: { type: 'mrkdwn', text: '*Evidence*\n>Quillfish grants AstraZeneca an exclusive licence.' } });
    const context = card.blocks.find((b) => b.type === 'context');
    expect(context).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: expect.stringMatching(/^Sources: <https?:\/\/[^|]+\|[^>]+>$/) }] });
  });

  it('should add the why-flagged reasons when the classifier gave them and leave them out otherwise', () => {
    const withWhy = slackCard(model(aFlag().withClassification({ why: [{ feature: 'cue:x', weight: 1, label: 'new joint work, in the opening' }] })));
    expect(mrkdwn(withWhy)).toContain('*Why flagged*\nnew joint work, in the opening');
    expect(mrkdwn(slackCard(model())).join('\n')).not.toContain('Why flagged');
  });

  it('should add Relevant / Not relevant buttons carrying the given URLs when links are given', () => {
    const card = slackCard(model(), links);
    expect(card.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Relevant' }, url: links.relevant, action_id: 'feedback_relevant', style: 'primary' },
        { type: 'button', text: { type: 'plain_text', text: 'Not relevant' }, url: links.not_relevant, action_id: 'feedback_not_relevant' },
      ],
    });
    expect(slackCard(model()).blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  describe('escaping of feed text', () => {
    it.each(['<!channel>', '<!here>', '<@U123>', '<#C123>', '<https://evil.example|Pfizer deal>', '<script>alert(1)</script>'])(
      'should make %j inert in the title, a party, an area, the money text and the evidence',
      (evil) => {
        const card = slackCard(model(aFlag().withClassification({
          parties: [{ name: `Acme ${evil}`, type: 'biotech', role: `lead ${evil}` }],
          therapeutic_areas: [`onc ${evil}`],
          financial_terms: { undisclosed: false, text: `terms ${evil}` },
          evidence: `says ${evil}`,
          why: [{ feature: 'f', weight: 1, label: `why ${evil}` }],
        })));
        const all = mrkdwn(card);
        for (const s of all) {
          expect(s).not.toContain(evil);
          for (const a of angles(s)) expect(a).toMatch(/^<https:\/\/[^\s<>|]+\|[^<>]+>$/);
        }
        expect(all.join('\n')).toContain(evil.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      },
    );

    it('should escape & before < and > when the title holds entities already', () => {
      const card = slackCard(model(aFlag().withClassification({ parties: [{ name: 'A &lt;!channel&gt; & B', type: 'pharma' }] })));
      expect(mrkdwn(card).join('\n')).toContain('A &amp;lt;!channel&amp;gt; &amp; B');
    });

    it('should defuse *bold* storms and keep single formatting characters as typed', () => {
      const card = slackCard(model(aFlag().withClassification({ evidence: `*bold* ${'*'.repeat(3_000)}` })));
      const evidence = mrkdwn(card).find((s) => s.startsWith('*Evidence*'))!;
      expect(evidence).toContain('*bold*');
      expect(evidence).not.toContain('****');
    });

    it('should keep a CRLF in a party name from starting a new mrkdwn line', () => {
      const card = slackCard(model(aFlag().withClassification({ parties: [{ name: 'Acme\r\n>*fake quote*', type: 'biotech' }] })));
      expect(mrkdwn(card).join('\n')).toContain('• Acme &gt;*fake quote* — biotech');
    });

    it('should not let a source URL or outlet name close its link early', () => {
      const flag = aFlag().build();
      const card = slackCard(alertModel({ ...flag, url: 'https://news.example.com/a|b?q=<x>&y=1', source: 'Wire | <b>', sources: [{ articleId: 'a', url: null, source: null, publishedAt: null }] }));
      const context = card.blocks.find((b) => b.type === 'context') as Extract<SlackBlock, { type: 'context' }>;
      expect(context.elements[0].text).toBe('Sources: <https://news.example.com/a%7Cb?q=%3Cx%3E&amp;y=1|Wire ¦ &lt;b&gt;>');
    });
  });

  describe('limits', () => {
    const huge = (): AlertModel => {
      const flag = aFlag().withClassification({
        parties: Array.from({ length: 50 }, (_, i) => ({ name: `<!channel>&${i} ${'N'.repeat(480)}`, type: 'other' as const, role: 'r'.repeat(100) })),
        therapeutic_areas: Array.from({ length: 50 }, (_, i) => `&area ${i} ${'a'.repeat(90)}`),
        financial_terms: { undisclosed: false, text: '&'.repeat(2_000) },
        evidence: '<'.repeat(4_000),
        why: Array.from({ length: 10 }, () => ({ feature: 'f', weight: 1, label: '>'.repeat(200) })),
      }).build();
      return alertModel({
        ...flag,
        title: '<!channel> '.repeat(400).slice(0, 4_000),
        sources: Array.from({ length: 100 }, (_, i) => ({ articleId: `a${i}`, url: `https://news.example.com/${'p'.repeat(1_900)}/${i}`, source: `<${'S'.repeat(900)}`, publishedAt: null })),
      });
    };

    it('should keep every text within Slack limits and never cut an entity when every field is as long as the contract allows', () => {
      const card = slackCard(huge(), links);
      expect(card.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
      for (const s of mrkdwn(card)) {
        expect(s.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        expect(s).not.toMatch(/&(?!amp;|lt;|gt;)/);
      }
      const header = card.blocks[0] as Extract<SlackBlock, { type: 'header' }>;
      expect(header.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    });

    it('should end a cut text with an ellipsis and count the parties left out', () => {
      const card = slackCard(huge());
      const parties = (card.blocks[2] as Extract<SlackBlock, { type: 'section' }>).text.text;
      expect(parties).toMatch(/…and \d+ more$/);
      expect(mrkdwn(card).find((s) => s.startsWith('*Evidence*'))).toMatch(/…$/);
    });

    it('should keep the fallback text within 3 000 characters', () => {
      expect(slackCard(huge()).text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    });
  });
});
