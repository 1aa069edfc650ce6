// Second pass: reads one entry again by the byte range the scan recorded. Entries are read in start order, which
// for the usual file (written in start order) is a sequential read.

import { open, type FileHandle } from 'node:fs/promises';

export class EntryReader {
  private readonly handles = new Map<string, Promise<FileHandle>>();

  async read(file: string, start: number, end: number): Promise<unknown> {
    let handle = this.handles.get(file);
    if (!handle) {
      handle = open(file, 'r');
      this.handles.set(file, handle);
    }
    const length = end - start;
    const buffer = Buffer.allocUnsafe(length);
    const { bytesRead } = await (await handle).read(buffer, 0, length, start);
    if (bytesRead !== length) throw new Error(`the file changed while it was imported (short read at byte ${start})`);
    return JSON.parse(buffer.toString('utf8'));
  }

  async close(): Promise<void> {
    const handles = [...this.handles.values()];
    this.handles.clear();
    await Promise.all(handles.map(async (h) => (await h).close()));
  }
}
