import { RedrawCollapser, withoutCursorControl } from './redraw-collapser';

const ESC = String.fromCharCode(27);
const up = (lines: number) => `${ESC}[2K${ESC}[1A`.repeat(lines) + `${ESC}[2K${ESC}[G`;

describe('withoutCursorControl', () => {
  it('should keep colours and drop screen clearing and cursor moves', () => {
    const red = `${ESC}[31mred${ESC}[39m`;
    expect(withoutCursorControl(`${ESC}[2J${ESC}[3J${ESC}[H${red}`)).toBe(red);
    expect(withoutCursorControl(up(3))).toBe('');
  });
});

describe('RedrawCollapser', () => {
  it('should pass plain lines through at once', () => {
    const out: string[] = [];
    const collapser = new RedrawCollapser((line) => out.push(line), 10_000);
    collapser.push('compiling');
    collapser.push('');
    expect(out).toEqual(['compiling', '']);
  });

  it('should print only the last frame of a redrawing progress bar', () => {
    const out: string[] = [];
    const collapser = new RedrawCollapser((line) => out.push(line), 10_000);
    collapser.push('● Webpack setup (3%)');
    collapser.push(up(1));
    collapser.push('● Webpack building (10%)');
    collapser.push(`${up(1)}● Webpack building (60%)`);
    collapser.push('  babel-loader › src/app.ts');
    expect(out).toEqual(['● Webpack setup (3%)']);
    collapser.flush();
    expect(out).toEqual([
      '● Webpack setup (3%)',
      '● Webpack building (60%)',
      '  babel-loader › src/app.ts',
    ]);
  });

  it('should print a held-back frame once the output settles', async () => {
    const out: string[] = [];
    const collapser = new RedrawCollapser((line) => out.push(line), 20);
    collapser.push(`${up(2)}✔ Webpack compiled`);
    expect(out).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(out).toEqual(['✔ Webpack compiled']);
  });
});
