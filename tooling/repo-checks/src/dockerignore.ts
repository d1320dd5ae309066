/** One line of a .dockerignore file. */
interface IgnorePattern {
  /** `!pattern`: re-includes what an earlier pattern excluded. */
  readonly isException: boolean;
  readonly regex: RegExp;
}

// Docker's rules (moby/patternmatcher): patterns are anchored at the context root, `*` and `?`
// stop at `/`, `**` spans any number of folders, and a pattern that matches a folder excludes
// everything in it. The last matching line decides.
function toRegex(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '*' && pattern.charAt(i + 1) === '*') {
      const slashFollows = pattern.charAt(i + 2) === '/';
      source += slashFollows ? '(?:.*/)?' : '.*';
      i += slashFollows ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Parses the text of a .dockerignore file (comments and blank lines skipped). */
export function parseDockerignore(text: string): IgnorePattern[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const isException = line.startsWith('!');
      const pattern = (isException ? line.slice(1) : line)
        .trim()
        .replace(/^\/+/, '')
        .replace(/\/+$/, '');
      return { isException, regex: toRegex(pattern) };
    });
}

/** Whether a context-relative path (forward slashes) is left out of the build context. */
export function isExcludedFromContext(patterns: readonly IgnorePattern[], path: string): boolean {
  const segments = path.split('/');
  const selfAndParents = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let excluded = false;
  for (const pattern of patterns) {
    if (selfAndParents.some((candidate) => pattern.regex.test(candidate))) {
      excluded = !pattern.isException;
    }
  }
  return excluded;
}
