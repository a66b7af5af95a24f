import { classifierEnv } from '@pharma-radar/classifier-service';
import { dashboardEnv } from '@pharma-radar/dashboard-service';
import { ingestEnv } from '@pharma-radar/ingest-service';
import { notifierEnv } from '@pharma-radar/notifier-service';
import { commonEnv, renderEnvExample } from '@pharma-radar/platform-config';

/** `.env.example` is rendered from the config schemas; a unit test fails when the file drifts. */
export function envExample(): string {
  return renderEnvExample([
    { title: 'every service', spec: commonEnv },
    { title: 'ingest', spec: ingestEnv },
    { title: 'classifier', spec: classifierEnv },
    { title: 'notifier', spec: notifierEnv },
    { title: 'dashboard', spec: dashboardEnv },
  ]);
}
