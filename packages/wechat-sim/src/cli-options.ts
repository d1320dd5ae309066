import { parseArgs } from 'node:util';
import {
  DEV_APP,
  SESSION_KEY_ROTATIONS,
  type SessionKeyRotation,
  type SimAppConfig,
} from './sim-config';

export const CLI_USAGE = `Usage: wechat-sim [options]

Simulated WeChat login servers (paths at the root) and WeChat client + controls (under /sim/).

Options (each flag wins over its environment variable):
  --port <n>            port to listen on (SIM_PORT; default 3001, 0 = any free port)
  --host <addr>         interface to listen on (SIM_HOST; default 127.0.0.1)
  --app <id:secret[:union]>
                        an app the simulator knows; repeatable (SIM_APPS, comma-separated;
                        default the built-in dev app ${DEV_APP.appId}). ":union" marks the app
                        as bound to the Open Platform account (jscode2session returns unionid)
  --rotation <policy>   session_key rotation: always | keep-while-fresh (SIM_ROTATION; default always)
  --user-quota <n>      jscode2session calls per user per minute before 45011 (SIM_USER_QUOTA;
                        default 100, 0 = unlimited)
  --seed <n>            seed of the busy-fault generator (SIM_SEED; default 1)
  --verbose, -v         log method, path and status of every request (never queries or keys)
  --help, -h            show this text
`;

/** Everything the CLI needs to start a simulator. */
export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  apps: SimAppConfig[];
  rotation: SessionKeyRotation;
  perUserMinuteQuota: number;
  seed: number;
  verbose: boolean;
}

/** Reads flags, then environment variables, then defaults. Throws a readable Error on bad input. */
export function parseCliOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliOptions {
  const { values } = parseArgs({
    // pnpm 10 forwards the "--" of `pnpm start -- --port 1`; it separates nothing here.
    args: argv[0] === '--' ? argv.slice(1) : [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      app: { type: 'string', multiple: true },
      rotation: { type: 'string' },
      'user-quota': { type: 'string' },
      seed: { type: 'string' },
      verbose: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const appSpecs = values.app ?? splitList(env['SIM_APPS']);
  return {
    help: values.help ?? false,
    port: integer('port', values.port ?? env['SIM_PORT'] ?? '3001', 0, 65_535),
    host: values.host ?? env['SIM_HOST'] ?? '127.0.0.1',
    apps: appSpecs.length > 0 ? appSpecs.map(parseAppSpec) : [{ ...DEV_APP }],
    rotation: rotation(values.rotation ?? env['SIM_ROTATION'] ?? 'always'),
    perUserMinuteQuota: integer(
      'user-quota',
      values['user-quota'] ?? env['SIM_USER_QUOTA'] ?? '100',
      0,
      Number.MAX_SAFE_INTEGER,
    ),
    seed: integer('seed', values.seed ?? env['SIM_SEED'] ?? '1', 0, 0xffff_ffff),
    verbose: values.verbose ?? false,
  };
}

/** "appId:secret" or "appId:secret:union". */
export function parseAppSpec(spec: string): SimAppConfig {
  const [appId, secret, flag, ...rest] = spec.split(':');
  if (!appId || !secret || rest.length > 0 || (flag !== undefined && flag !== 'union')) {
    throw new Error(`app must be appId:secret or appId:secret:union, got "${spec}"`);
  }
  return flag === 'union' ? { appId, secret, unionBound: true } : { appId, secret };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function integer(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function rotation(text: string): SessionKeyRotation {
  const known = SESSION_KEY_ROTATIONS.find((policy) => policy === text);
  if (known === undefined) {
    throw new Error(`rotation must be one of ${SESSION_KEY_ROTATIONS.join(', ')}, got "${text}"`);
  }
  return known;
}
