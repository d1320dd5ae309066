import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app';
import { readConfig } from './config';

async function main() {
  const config = readConfig();
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen({ port: config.port, host: config.host });
  new Logger('Main').log(`listening on ${await app.getUrl()}`);
}

void main();
