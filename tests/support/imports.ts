// Helpers for import tests: a file as the window sends it, and a whole import run step by step.
import type { Output } from '../../shared/contract';
import type { OnMatch } from '../../shared/contract/imports';
import type { Owner } from './core';

export const upload = (filename: string, content: string | Buffer) => ({
  filename,
  content_base64: (typeof content === 'string' ? Buffer.from(content, 'utf8') : content).toString('base64'),
});

/** Preview, start with the suggested mapping, and step until finished; every progress report is kept. */
export async function importFile(
  o: Owner,
  filename: string,
  content: string | Buffer,
  options: { source?: string; on_match?: OnMatch; mode?: 'valid-rows' | 'all-or-nothing' } = {},
): Promise<{ preview: Output<'imports.preview'>; id: number; steps: Output<'imports.step'>[] }> {
  const preview = await o.ok('imports.preview', upload(filename, content));
  const { import_id } = await o.ok('imports.start', {
    preview_id: preview.preview_id,
    source: options.source ?? 'Test file',
    mapping: preview.mapping,
    on_match: options.on_match ?? 'update-empty',
    mode: options.mode ?? 'valid-rows',
  });
  const steps: Output<'imports.step'>[] = [];
  for (;;) {
    const step = await o.ok('imports.step', { import_id });
    steps.push(step);
    if (step.finished) break;
  }
  return { preview, id: import_id, steps };
}
