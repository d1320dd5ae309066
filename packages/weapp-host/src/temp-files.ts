import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A valid 1×1 transparent PNG: what the avatar chooser hands over. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** The phone's temporary files (`wxfile://…`), kept in a folder of the host's own. */
export class TempFiles {
  private readonly files = new Map<string, string>();
  private dir: string | null = null;

  async create(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'weapp-host-'));
  }

  async remove(): Promise<void> {
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }

  /** The file on disk behind a `wxfile://` path the host handed out. */
  fileOf(path: string): string | undefined {
    return this.files.get(path);
  }

  /** A small PNG, as chooseAvatar hands one over (`wxfile://…`). */
  async createImage(): Promise<string> {
    if (!this.dir) throw new Error('the host is not launched');
    const name = `tmp_${randomUUID()}.png`;
    const file = join(this.dir, name);
    await writeFile(file, PNG_1X1);
    const path = `wxfile://${name}`;
    this.files.set(path, file);
    return path;
  }
}
