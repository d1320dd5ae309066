/** CSI sequences (ESC [ … final byte) except SGR (colours), whose final byte is `m`. */
const CURSOR_CONTROL = new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-ln-z]`, 'g');
/** Cursor up: the start of a redraw of the lines above (progress bars, spinners). */
const CURSOR_UP = new RegExp(`${String.fromCharCode(27)}\\[\\d*A`);

/**
 * Drops terminal control sequences other than colours (clear screen, cursor moves, erase line):
 * in a shared, labelled output they would wipe or garble the other processes' lines.
 */
export function withoutCursorControl(line: string): string {
  return line.replace(CURSOR_CONTROL, '');
}

/**
 * Turns a stream written for a terminal into plain lines for a shared, labelled output. Tools
 * such as webpack's progress bar redraw their last lines many times a second (erase, cursor up,
 * print again); in a pipe every frame would become new lines. Here a redraw replaces the frame
 * held back so far, and a frame is printed once the output has been still for `settleMs`.
 */
export class RedrawCollapser {
  private frame: string[] | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly emit: (line: string) => void,
    private readonly settleMs: number,
  ) {}

  /** One line as the tool wrote it. */
  push(raw: string): void {
    if (CURSOR_UP.test(raw)) this.frame = [];
    const line = withoutCursorControl(raw);
    const onlyMovedTheCursor = line.trim() === '' && line !== raw;
    if (this.frame === undefined) {
      if (!onlyMovedTheCursor) this.emit(line);
      return;
    }
    if (!onlyMovedTheCursor) this.frame.push(line);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), this.settleMs);
    this.timer.unref();
  }

  /** Prints the frame held back, if any (also when the stream ends). */
  flush(): void {
    clearTimeout(this.timer);
    const frame = this.frame ?? [];
    this.frame = undefined;
    for (const line of frame) this.emit(line);
  }
}
