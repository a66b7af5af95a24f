import { Env, env, EnvValues } from '@pharma-radar/platform-config';

export const classifierEnv = {
  CLASSIFIER_HTTP_PORT: env(Env.int(3002, 0, 65_535), 'HTTP port of the classifier service (health, metrics).', { example: '3002' }),
};
export type ClassifierEnv = EnvValues<typeof classifierEnv>;
