import 'reflect-metadata';
import { createApp } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { createLogger } from './logging/logger';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config);
  const app = await createApp(config, { logger, enableShutdownHooks: true });
  await app.listen({ port: config.port, host: config.host });
  logger.info({ url: await app.getUrl(), env: config.nodeEnv }, 'wxlogin API listening');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `wxlogin API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
