import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'acorn';

/**
 * The newest syntax a mini-program may ship. WeChat's compatibility data
 * (https://github.com/wechat-miniprogram/miniprogram-compat) still lists iOS 11 and Chrome 66
 * engines for supported base libraries; they lack `?.`, `??`, object spread and ES2018 regexes, and
 * an engine that cannot parse a file shows a blank app.
 */
export const MINI_PROGRAM_ECMA_VERSION = 2017;

/** Where a file first uses syntax newer than ES2017. */
export interface SyntaxTooNew {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** `null` when `code` parses as an ES2017 script, else the first place it does not. */
export function findSyntaxBeyondEs2017(file: string, code: string): SyntaxTooNew | null {
  try {
    parse(code, { ecmaVersion: MINI_PROGRAM_ECMA_VERSION, sourceType: 'script' });
    return null;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const { line, column } = (error as SyntaxError & { loc: { line: number; column: number } }).loc;
    // acorn counts columns from 0; editors and stack traces from 1.
    return { file, line, column: column + 1, message: error.message };
  }
}

/** Every `.js` file under `dir`, sorted, as paths relative to `dir`. */
export function listScripts(dir: string): string[] {
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith('.js') ? [relative(dir, path)] : [];
    });
  return walk(dir).sort();
}

/** The first `.js` file under `dir` (a built weapp) that is not ES2017, or `null`. */
export function findFirstScriptBeyondEs2017(dir: string): SyntaxTooNew | null {
  for (const file of listScripts(dir)) {
    const found = findSyntaxBeyondEs2017(file, readFileSync(join(dir, file), 'utf8'));
    if (found) return found;
  }
  return null;
}

/** Formats a finding as `file:line:column message`. */
export function describeSyntaxTooNew({ file, line, column, message }: SyntaxTooNew): string {
  return `${file}:${line}:${column} is newer than ES${MINI_PROGRAM_ECMA_VERSION}: ${message}`;
}
