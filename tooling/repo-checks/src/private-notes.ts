import { posix } from 'node:path';

/**
 * References to the team's private notes: the folder beside the repository, the notes' file
 * names, the numbered seed posts, and folders of one machine. Nobody who clones the repository
 * has them, so the code and docs cite WeChat's pages, docs/wechat-protocol.md or docs/pitfalls.md
 * instead.
 */
const PRIVATE_NOTE_REFERENCES: readonly RegExp[] = [
  /\.\.\/shared\b/,
  /\bshared\/seeds\b/,
  /\b(?:PROTOCOL|TOOLCHAIN|STYLE|PEERS)\.md\b/,
  // a seed post by number: "seed 00N", "Seeds 00N, 00M", "seed pitfall 00N"
  /\bseeds?(?:\s+pitfalls?)?\s+\d{3}\b/i,
  // an absolute path into one machine's work or home folders
  /(?<![\w.~-])\/(?:work|root|home\/[\w.-]+|Users\/[\w.-]+)\/[\w.-]+/,
];

/** One line that cites the private notes. */
export interface PrivateNoteReference {
  /** 1-based line number. */
  readonly line: number;
  /** The matched text. */
  readonly reference: string;
}

/** Every line of `text` that cites the private notes, with what it cites (first match per line). */
export function privateNoteReferences(text: string): PrivateNoteReference[] {
  const found: PrivateNoteReference[] = [];
  text.split('\n').forEach((lineText, index) => {
    for (const pattern of PRIVATE_NOTE_REFERENCES) {
      const match = pattern.exec(lineText);
      if (match === null) continue;
      found.push({ line: index + 1, reference: match[0] });
      break;
    }
  });
  return found;
}

/** A relative path (`../x`, `../../y/z.md`) as written in any kind of file. */
const RELATIVE_PATH = /(?<![\w./-])(?:\.\.\/)+[\w.@-]*/g;

/**
 * Every line of the file at `path` (repository-relative) holding a relative path that, taken
 * from the file's folder, leads out of the repository: a Markdown link two folders up from
 * docs/, say.
 */
export function pathsLeavingRepository(path: string, text: string): PrivateNoteReference[] {
  const found: PrivateNoteReference[] = [];
  text.split('\n').forEach((lineText, index) => {
    for (const match of lineText.matchAll(RELATIVE_PATH)) {
      const target = posix.normalize(posix.join(posix.dirname(path), match[0]));
      if (target === '..' || target.startsWith('../')) {
        found.push({ line: index + 1, reference: match[0] });
        break;
      }
    }
  });
  return found;
}
