/** A GitHub-flavoured Markdown table: header cells and body rows, cell text trimmed. */
export interface MarkdownTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/**
 * The text under the first heading (any level) whose title matches `title`, up to the next
 * heading of the same or a higher level. Throws when there is no such heading.
 */
export function section(markdown: string, title: RegExp): string {
  const lines = markdown.split('\n');
  let inFence = false;
  let start = -1;
  let level = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trimStart().startsWith('```')) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading === null) continue;
    const headingLevel = heading[1]?.length ?? 0;
    if (start >= 0 && headingLevel <= level) return lines.slice(start, i).join('\n');
    if (start < 0 && title.test(heading[2] ?? '')) {
      start = i + 1;
      level = headingLevel;
    }
  }
  if (start < 0) throw new Error(`no heading matching ${String(title)}`);
  return lines.slice(start).join('\n');
}

function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/** Every table of a Markdown text, in order. */
export function tables(markdown: string): MarkdownTable[] {
  const found: MarkdownTable[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = lines[i] ?? '';
    const divider = lines[i + 1] ?? '';
    if (!header.trim().startsWith('|') || !/^\s*\|?\s*:?-{3,}/.test(divider)) continue;
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length && (lines[j] ?? '').trim().startsWith('|'); j++) {
      rows.push(cells(lines[j] ?? ''));
    }
    found.push({ header: cells(header), rows });
    i = j;
  }
  return found;
}

/** Cell text without Markdown code ticks. */
export function plain(cell: string): string {
  return cell.replace(/`/g, '').trim();
}

/**
 * The shell commands shown in fenced `bash`/`sh`/`shell` blocks: one per line, comments and
 * blank lines dropped, so that an English and a Chinese README with different comments compare
 * equal.
 */
export function codeBlockCommands(markdown: string): string[] {
  const commands: string[] = [];
  let inShellBlock = false;
  let inOtherBlock = false;
  for (const line of markdown.split('\n')) {
    // Fences may be indented (a code block inside a list item).
    const fence = /^\s*```\s*(\S*)/.exec(line);
    if (fence !== null) {
      if (inShellBlock || inOtherBlock) {
        inShellBlock = false;
        inOtherBlock = false;
      } else if (['bash', 'sh', 'shell'].includes(fence[1] ?? '')) inShellBlock = true;
      else inOtherBlock = true;
      continue;
    }
    if (!inShellBlock) continue;
    const command = line.replace(/(^|\s)#.*$/, '').trim();
    if (command !== '') commands.push(command);
  }
  return commands;
}

/** Targets of the Markdown links `[text](target)` of a text. */
export function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/**
 * Every anchor a link can point at in a Markdown text: `<a id="…">` (or `name="…"`) and each
 * heading's slug, repeated headings numbered as GitHub does (`x`, `x-1`, …).
 */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const match of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(match[1] ?? '');
  const seen = new Map<string, number>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.trimStart().startsWith('```')) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (heading === null) continue;
    const slug = headingSlug(heading[1] ?? '');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
