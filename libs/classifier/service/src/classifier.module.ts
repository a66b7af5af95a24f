import { DynamicModule, Module } from '@nestjs/common';
import { ArticleClassifier, CLASSIFIER_CONFIG } from './article-classifier';
import { ClassificationHandler } from './classification.handler';
import type { ClassifierConfig } from './config';

/** Imported as is, it classifies on the event loop; forRoot(config) gives it config.workers worker threads. */
@Module({ controllers: [ClassificationHandler], providers: [ArticleClassifier] })
export class ClassifierModule {
  static forRoot(config: ClassifierConfig): DynamicModule {
    return { module: ClassifierModule, providers: [{ provide: CLASSIFIER_CONFIG, useValue: config }] };
  }
}
