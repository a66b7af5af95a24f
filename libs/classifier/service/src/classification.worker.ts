// A worker thread of the classifier service: classifies the articles ArticleClassifier hands it (see WorkerPool).
import { classify } from '@pharma-radar/classifier-collaboration';
import { serveWorker } from '@pharma-radar/platform-worker-pool';

serveWorker(classify);
