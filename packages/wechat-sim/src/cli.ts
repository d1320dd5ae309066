#!/usr/bin/env node
import { CLI_USAGE, parseCliOptions, type CliOptions } from './cli-options';
import { startSimulator } from './http-server';

async function main(): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`wechat-sim: ${(error as Error).message}\n\n${CLI_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(CLI_USAGE);
    return;
  }
  const running = await startSimulator({
    port: options.port,
    host: options.host,
    apps: options.apps,
    rotation: options.rotation,
    perUserMinuteQuota: options.perUserMinuteQuota,
    seed: options.seed,
    log: options.verbose ? (line) => process.stdout.write(`${line}\n`) : undefined,
  });
  // App ids only: secrets never reach the console.
  const apps = options.apps.map((app) => app.appId + (app.unionBound ? ' (union)' : '')).join(', ');
  process.stdout.write(
    `wechat-sim listening on ${running.url} (apps: ${apps}; rotation: ${options.rotation})\n`,
  );
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`wechat-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
