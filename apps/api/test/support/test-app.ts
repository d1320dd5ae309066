import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, type CreateAppOptions } from '../../src/app.factory';
import { testConfig } from './test-config';

/** The whole API listening on a random local port. */
export interface RunningApi {
  readonly app: NestFastifyApplication;
  readonly url: string;
  close(): Promise<void>;
}

export async function startApi(
  env: Record<string, string>,
  options: CreateAppOptions = {},
): Promise<RunningApi> {
  const app = await createApp(testConfig(env), options);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (typeof address !== 'object' || address === null) throw new Error('API is not listening');
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
