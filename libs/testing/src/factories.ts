import { ArticleIngestedV1, articleIngestedV1Example, articleIngestedV1Payload, Classification, CollaborationFlaggedV1, collaborationFlaggedV1Payload, Party } from '@pharma-radar/contracts';

/**
 * Fluent factories for event payloads: `aFlag().withParties(...).revision(2).build()`.
 * `build()` validates against the real contract, so a test can never rest on a payload production would refuse.
 */
export class FlagFactory {
  private constructor(private value: CollaborationFlaggedV1) {}

  static create(): FlagFactory {
    const article = articleIngestedV1Example;
    return new FlagFactory({
      collaborationId: 'collab-test-1',
      revision: 1,
      articleId: article.articleId,
      title: article.title,
      url: article.url,
      source: article.feedTitle,
      publishedAt: article.publishedAt,
      ingestedAt: article.fetchedAt,
      sources: [{ articleId: article.articleId, url: article.url, source: article.feedTitle, publishedAt: article.publishedAt }],
      classification: {
        is_rd_collaboration: true,
        event_type: 'research_collaboration',
        parties: [
          { name: 'AstraZeneca', type: 'pharma' },
          { name: 'N.N. Petrov Institute of Oncology', type: 'academic' },
        ],
        therapeutic_areas: ['oncology'],
        modalities: [],
        geographies: ['Russia'],
        financial_terms: { undisclosed: true, text: 'Financial terms were not disclosed.' },
        confidence: 0.9,
        evidence: article.text.split('. ')[0] + '.',
        model_version: 'test',
      },
    });
  }

  id(collaborationId: string): this { this.value = { ...this.value, collaborationId }; return this; }
  revision(revision: number): this { this.value = { ...this.value, revision }; return this; }
  withParties(...parties: Party[]): this { return this.withClassification({ parties }); }
  withClassification(c: Partial<Classification>): this { this.value = { ...this.value, classification: { ...this.value.classification, ...c } }; return this; }
  build(): CollaborationFlaggedV1 { return collaborationFlaggedV1Payload.parse(this.value); }
}

export const aFlag = () => FlagFactory.create();

export class ArticleFactory {
  private constructor(private value: ArticleIngestedV1) {}
  static create(): ArticleFactory { return new ArticleFactory({ ...articleIngestedV1Example }); }
  with(fields: Partial<ArticleIngestedV1>): this { this.value = { ...this.value, ...fields }; return this; }
  build(): ArticleIngestedV1 { return articleIngestedV1Payload.parse(this.value); }
}

export const anArticle = () => ArticleFactory.create();
