import { randomBytes } from 'node:crypto';

/** A code and what it stands for. */
export interface CodeEntry<T> {
  readonly payload: T;
  readonly issuedAt: number;
  used: boolean;
}

/**
 * Single-use codes that live `ttlMs` (wx.login codes and phone codes: 5 minutes, single use).
 * Codes are kept in issue order; since the clock never goes back, the expired ones are always at
 * the head of the map and are dropped there as new codes arrive, so memory stays bounded by what
 * was issued within one lifetime even under benchmark load.
 */
export class OneTimeCodeStore<T> {
  private readonly entries = new Map<string, CodeEntry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly makeCode: () => string,
  ) {}

  issue(payload: T, now: number): string {
    this.dropExpired(now);
    let code = this.makeCode();
    while (this.entries.has(code)) code = this.makeCode();
    this.entries.set(code, { payload, issuedAt: now, used: false });
    return code;
  }

  /** The live entry of a code (used or not), or undefined when unknown or expired. */
  find(code: string, now: number): CodeEntry<T> | undefined {
    const entry = this.entries.get(code);
    if (entry === undefined || now - entry.issuedAt >= this.ttlMs) return undefined;
    return entry;
  }

  clear(): void {
    this.entries.clear();
  }

  private dropExpired(now: number): void {
    for (const [code, entry] of this.entries) {
      if (now - entry.issuedAt < this.ttlMs) return;
      this.entries.delete(code);
    }
  }
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A wx.login-style code: 32 alphanumeric characters ("0a3Xgg0w3gbvq3345R2w3JkUwU2Xgg0Q"). */
export function makeLoginCode(): string {
  const bytes = randomBytes(32);
  let code = '';
  // The modulo bias is irrelevant here: the code only has to be unguessable enough for tests.
  for (const byte of bytes) code += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return code;
}

/** A phone-number code: 64 hex characters, like the one in the getPhoneNumber doc example. */
export function makePhoneCode(): string {
  return randomBytes(32).toString('hex');
}
