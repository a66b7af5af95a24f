import { alertModel } from '@pharma-radar/notifier-subscriptions';
import { aFlag } from '@pharma-radar/testing';
import { WEBHOOK_ALERT_TYPE, webhookAlertV1, webhookJson } from './webhook.serializer';

const meta = { id: 'delivery:v1:sub-1:webhook:collab-test-1', subscriberId: 'sub-1', sentAt: '2026-12-07T10:00:00.000Z' };

describe('webhookAlertV1', () => {
  it('should carry a typed, versioned alert with structured parties, terms and sources', () => {
    const flag = aFlag().withClassification({
      parties: [{ name: 'Quillfish Therapeutics', type: 'biotech', role: 'licensor' }, { name: 'AstraZeneca', type: 'pharma' }],
      financial_terms: { upfront: 50_000_000, currency: 'USD', undisclosed: false, text: '$50 million upfront' },
      why: [{ feature: 'cue', weight: 1, label: 'licence words' }],
    }).build();
    const body = webhookAlertV1(alertModel(flag), { ...meta, feedback: { relevant: 'https://r', not_relevant: 'https://n' } });
    expect(body).toMatchObject({
      type: WEBHOOK_ALERT_TYPE,
      version: 1,
      ...meta,
      alert: {
        collaborationId: 'collab-test-1',
        revision: 1,
        dealType: 'research_collaboration',
        parties: [{ name: 'Quillfish Therapeutics', type: 'biotech', role: 'licensor' }, { name: 'AstraZeneca', type: 'pharma' }],
        money: { summary: 'upfront USD 50 million', terms: { upfront: 50_000_000, currency: 'USD', undisclosed: false, text: '$50 million upfront' } },
        confidence: 0.9,
        whyFlagged: ['licence words'],
        sources: [{ url: flag.url, source: flag.source, publishedAt: flag.publishedAt }],
      },
      feedback: { relevant: 'https://r', notRelevant: 'https://n' },
    });
  });
});

describe('webhookJson', () => {
  it.each(['<script>alert(1)</script>', '</script><!--', 'a & b', 'line\u2028sep\u2029para'])(
    'should write %j as \\u escapes that JSON.parse reads back unchanged',
    (evil) => {
      const flag = aFlag().build();
      const body = webhookAlertV1(alertModel({ ...flag, title: 'T', classification: { ...flag.classification, evidence: evil.replace(/[\u2028\u2029]/g, ' ') } }), { ...meta, subscriberId: evil });
      const json = webhookJson(body);
      expect(json).not.toMatch(/[<>&\u2028\u2029]/);
      expect(JSON.parse(json)).toEqual(body);
    },
  );

  it('should strip CRLF from feed text before it reaches the body', () => {
    const flag = aFlag().build();
    const json = webhookJson(webhookAlertV1(alertModel({ ...flag, title: 'Deal\r\nX-Injected: 1' }), meta));
    expect(JSON.parse(json).alert.title).toBe('Deal X-Injected: 1');
  });
});
