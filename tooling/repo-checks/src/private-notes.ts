/**
 * References to the team's private notes: the folder beside the repository, the notes' file
 * names and the numbered seed posts. Nobody who clones the repository has them, so the code and
 * docs cite WeChat's pages or docs/wechat-protocol.md (a pitfall by its anchor) instead.
 */
const PRIVATE_NOTE_REFERENCES: readonly RegExp[] = [
  /\.\.\/shared\b/,
  /\bshared\/seeds\b/,
  /\b(?:PROTOCOL|TOOLCHAIN|STYLE|PEERS)\.md\b/,
  // a seed post by number: "seed 00N", "Seeds 00N, 00M", "seed pitfall 00N"
  /\bseeds?(?:\s+pitfalls?)?\s+\d{3}\b/i,
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
