// A worker thread of the classifier service: classifies the batches of articles ArticleClassifier hands it.
import { serveWorker } from '@pharma-radar/platform-worker-pool';
import { classifyEach } from './classify-batch';

serveWorker(classifyEach);
