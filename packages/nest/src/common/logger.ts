import { Inject, Logger } from '@nestjs/common';

/**
 * What the module logs through: pino's `(fields, message)` call shape, so that a host passes its
 * pino logger (or anything with these three methods) as is. The module never puts a secret in
 * `fields` (AppSecret, session_key, tokens, phone numbers); a host's redaction is a second line.
 */
export interface WxLoginLogger {
  error(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
}

export const WXLOGIN_LOGGER = Symbol('WXLOGIN_LOGGER');

/** Injects the module's {@link WxLoginLogger}. */
export const InjectLogger = () => Inject(WXLOGIN_LOGGER);

/** An Error as a log field: its name, message and code, never its own enumerable extras. */
function describe(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const { code } = value as { code?: unknown };
  return { name: value.name, message: value.message, ...(code === undefined ? {} : { code }) };
}

function line(fields: Record<string, unknown>, message: string): string {
  const entries = Object.entries(fields);
  if (entries.length === 0) return message;
  const described = Object.fromEntries(entries.map(([name, value]) => [name, describe(value)]));
  return `${message} ${JSON.stringify(described)}`;
}

/**
 * The logger when the host gives none: Nest's own `Logger` (context `WxLogin`), so that the
 * module's lines go wherever the host's Nest logging goes. Fields follow the message as JSON;
 * an `err` field's stack goes to Nest's error trace.
 */
export class NestLoggerAdapter implements WxLoginLogger {
  private readonly nest = new Logger('WxLogin');

  error(fields: Record<string, unknown>, message: string): void {
    const { err } = fields;
    this.nest.error(line(fields, message), err instanceof Error ? err.stack : undefined);
  }

  warn(fields: Record<string, unknown>, message: string): void {
    this.nest.warn(line(fields, message));
  }

  info(fields: Record<string, unknown>, message: string): void {
    this.nest.log(line(fields, message));
  }
}
