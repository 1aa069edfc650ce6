import type { ExportContext } from './export-context';

export async function writeHtmlExport(ctx: ExportContext): Promise<void> {
  await ctx.sink.write('<!doctype html><title>todo</title>');
}
