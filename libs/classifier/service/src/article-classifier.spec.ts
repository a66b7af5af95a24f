import { join } from 'node:path';
import { classify } from '@pharma-radar/classifier-collaboration';
import { readEnv } from '@pharma-radar/platform-config';
import { ArticleClassifier, ClassificationError } from './article-classifier';
import { classifierConfig, classifierEnv } from './config';

const FLAKY = join(__dirname, 'test', 'flaky-classification.worker.ts');
const release =
  'Novartis has entered into a multi-year research collaboration with the Netherlands Cancer Institute to identify genetic mutations that predict response to targeted therapies in lung cancer. ' +
  'Under the agreement, institute scientists will sequence tumour samples and Novartis will fund the work. Financial terms were not disclosed.';
const articles = [
  { title: 'Novartis teams up with the Netherlands Cancer Institute on cancer genetics', text: release },
  { title: 'Pfizer reports third-quarter revenue of $14.1 billion', text: 'Pfizer reported quarterly revenue of $14.1 billion and raised its full-year guidance.' },
  { title: 'AstraZeneca and the Petrov Institute of Oncology partner to find cancer mutations', text: release.replace(/Novartis/g, 'AstraZeneca') },
  { title: 'Roche opens a new plant in Basel', text: 'Roche opened a manufacturing plant in Basel on Monday.' },
];

describe('ArticleClassifier', () => {
  const open: ArticleClassifier[] = [];
  const make = (config?: ConstructorParameters<typeof ArticleClassifier>[0]) => {
    const c = new ArticleClassifier(config);
    open.push(c);
    return c;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.onModuleDestroy()));
  });

  it('should classify in the event loop when no workers are configured', async () => {
    const c = make();
    expect(c.workers).toBe(0);
    expect(await c.classify(articles[0])).toEqual(classify(articles[0]));
  });

  it('should give each article the same classification from worker threads as in the event loop, in the order asked', async () => {
    const c = make({ workers: 2 });
    expect(c.workers).toBe(2);
    const many = Array.from({ length: 24 }, (_, i) => articles[i % articles.length]);
    expect(await Promise.all(many.map((a) => c.classify(a)))).toEqual(many.map((a) => classify(a)));
  });

  it('should throw a retryable ClassificationError when classification throws in a worker, and go on with the next', async () => {
    const c = make({ workers: 1, workerScript: FLAKY });
    const failed = await c.classify({ title: '[throw] anything', text: '' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ClassificationError);
    expect(failed).toMatchObject({ reason: 'threw', retryable: true, code: 'HANDLER_FAILED', message: 'classification failed (classify() threw): no rule for this article' });
    expect(await c.classify(articles[1])).toEqual(classify(articles[1]));
  });

  it('should throw a retryable ClassificationError when the worker dies, and replace the worker', async () => {
    const c = make({ workers: 1, workerScript: FLAKY });
    await expect(c.classify({ title: '[die] anything', text: '' })).rejects.toMatchObject({ reason: 'died', retryable: true, message: 'classification failed (its worker thread died): worker exited with code 7' });
    expect(await c.classify(articles[0])).toEqual(classify(articles[0]));
    expect(c.workers).toBe(1);
  });

  it('should fail only the article that kills its worker when it went in one task with others', async () => {
    const c = make({ workers: 1, workerScript: FLAKY });
    // The first article goes alone; the next three wait for the worker and go together, the killer among them.
    const first = c.classify(articles[0]);
    const together = [c.classify(articles[1]), c.classify({ title: '[die] anything', text: '' }), c.classify(articles[3])].map((p) => p.then((r) => r.is_rd_collaboration, (e: { reason: string }) => e.reason));
    expect(await first).toEqual(classify(articles[0]));
    expect(await Promise.all(together)).toEqual([classify(articles[1]).is_rd_collaboration, 'died', classify(articles[3]).is_rd_collaboration]);
    expect(c.workers).toBe(1);
  });

  it('should classify in the event loop once its workers are shut down, so a record in flight at shutdown is not failed', async () => {
    const c = make({ workers: 1 });
    await c.onModuleDestroy();
    expect(await c.classify(articles[2])).toEqual(classify(articles[2]));
  });

  it('should classify in the event loop when workers die faster than they may be replaced', async () => {
    const c = make({ workers: 1, workerScript: FLAKY });
    // One worker and three replacements a minute: four deaths use them up.
    for (let i = 0; i < 4; i++) await expect(c.classify({ title: '[die] anything', text: '' })).rejects.toMatchObject({ reason: 'died' });
    expect(c.workers).toBe(0);
    expect(await c.classify(articles[0])).toEqual(classify(articles[0]));
  });
});

describe('classifierConfig', () => {
  it('should leave one core to the event loop by default, and classify in it on one core', () => {
    expect(classifierConfig({ CLASSIFIER_WORKERS: 'auto' }, 4)).toEqual({ workers: 3 });
    expect(classifierConfig({ CLASSIFIER_WORKERS: 'auto' }, 2)).toEqual({ workers: 1 });
    expect(classifierConfig({ CLASSIFIER_WORKERS: 'auto' }, 1)).toEqual({ workers: 0 });
  });

  it('should take an explicit count, 0 meaning the event loop', () => {
    expect(classifierConfig({ CLASSIFIER_WORKERS: 0 }, 8)).toEqual({ workers: 0 });
    expect(classifierConfig({ CLASSIFIER_WORKERS: 2 }, 8)).toEqual({ workers: 2 });
  });
});

describe('CLASSIFIER_WORKERS', () => {
  it('should read auto, a count, or nothing (auto), and refuse anything else at boot', () => {
    expect(readEnv(classifierEnv, {}).CLASSIFIER_WORKERS).toBe('auto');
    expect(readEnv(classifierEnv, { CLASSIFIER_WORKERS: '3' }).CLASSIFIER_WORKERS).toBe(3);
    expect(readEnv(classifierEnv, { CLASSIFIER_WORKERS: '0' }).CLASSIFIER_WORKERS).toBe(0);
    expect(() => readEnv(classifierEnv, { CLASSIFIER_WORKERS: 'two' })).toThrow(/CLASSIFIER_WORKERS/);
    expect(() => readEnv(classifierEnv, { CLASSIFIER_WORKERS: '-1' })).toThrow(/CLASSIFIER_WORKERS/);
  });
});
