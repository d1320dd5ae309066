import { type AnyRecord, errorMessage, isThenable } from './bundle-values';
import { PlatformRuleError } from './platform-rules';

/**
 * What went wrong in the app: uncaught errors of bundle code and platform-rule refusals. A passing
 * journey leaves it empty; the host's waits throw while it is not.
 */
export class ProblemLog {
  readonly messages: string[] = [];

  record(message: string): void {
    this.messages.push(message);
  }

  /** Fails the call as WeChat would, and records the refusal. */
  refuse(message: string): never {
    this.record(message);
    throw new PlatformRuleError(message);
  }

  /** Runs bundle code; what it throws is a problem of the app, recorded (and re-thrown by tests). */
  guard(where: string, run: () => unknown): void {
    try {
      const result = run();
      // The bundle's promises come from its own realm: `instanceof` cannot recognise them.
      if (isThenable(result)) {
        result.then(undefined, (error: unknown) => this.record(`${where}: ${errorMessage(error)}`));
      }
    } catch (error) {
      this.record(`${where}: ${errorMessage(error)}`);
    }
  }

  /** Calls the hook `name` of an App or Page configuration when the bundle defined one. */
  callHook(target: AnyRecord, name: string, ...args: unknown[]): void {
    const hook = target[name];
    if (typeof hook === 'function') {
      this.guard(name, () => (hook as (...hookArgs: unknown[]) => unknown).apply(target, args));
    }
  }

  throwIfAny(): void {
    if (this.messages.length > 0) {
      throw new Error(`the mini-program failed:\n${this.messages.join('\n')}`);
    }
  }
}
