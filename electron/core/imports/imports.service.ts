// The imports capability as the dispatch calls it (files as base64 from a window), and the same
// functions for the command line, which passes a path instead (never through the contract).
import type { Input, Output } from '../../../shared/contract';
import type { Mapping } from '../../../shared/contract/imports';
import { CoreError } from '../../../shared/contract/result';
import { toCsv } from '../../../shared/csv';
import { maskCardNumbers } from '../../../shared/rules/card-guard';
import { appendAudit } from '../audit/audit';
import type { Context } from '../context';
import {
  type BatchRow,
  dropBefore,
  getBatch,
  listBatches,
  listTemplates,
  setStatus,
  upsertTemplate,
} from './imports.queries';
import { findJob, findPreview } from './jobs';
import { headerSignature } from './mapping';
import { type PreviewOptions, previewFile } from './preview';
import type { RowError } from './rows';

export { cancelImport, startImport, stepImport, undoImport } from './job';

export function previewUpload(ctx: Context, input: Input<'imports.preview'>): Promise<Output<'imports.preview'>> {
  const bytes = Buffer.from(input.content_base64, 'base64');
  return previewFile(
    ctx,
    { kind: 'bytes', name: input.filename, bytes },
    {
      source: input.source,
      mapping: input.mapping,
      template: input.template,
      sampleRows: input.sample_rows ?? 20,
    },
  );
}

/** The command line's preview: the file is read from disk in chunks, never whole. */
export function previewPath(
  ctx: Context,
  path: string,
  name: string,
  options: PreviewOptions,
): Promise<Output<'imports.preview'>> {
  return previewFile(ctx, { kind: 'path', name, path }, options);
}

function errorsAsCsv(errors: readonly RowError[]): string {
  return toCsv([
    ['row', 'column', 'problem', 'value'],
    ...errors.map((e) => [String(e.row), e.column, e.message, maskCardNumbers(e.value)]),
  ]);
}

export function errorReport(ctx: Context, input: Input<'imports.errorReport'>): Output<'imports.errorReport'> {
  const holder =
    'preview_id' in input ? findPreview(ctx.db, input.preview_id) : findJob(ctx.db, input.import_id as number);
  if (!holder) throw new CoreError('NOT_FOUND', 'The error list is no longer available: preview the file again.');
  const name = 'preview_id' in input ? (holder as { input: { name: string } }).input.name : 'import';
  return {
    filename: `${name.replace(/\.[^.]+$/, '')}-errors.csv`,
    content_base64: Buffer.from(`\uFEFF${errorsAsCsv(holder.errors)}`, 'utf8').toString('base64'),
    errors: holder.errors.length,
  };
}

function batchOut(b: BatchRow): Output<'imports.confirm'> {
  return {
    ...b,
    mapping: JSON.parse(b.mapping),
    on_match: b.on_match as never,
    mode: b.mode as never,
    status: b.status as never,
  };
}

export function confirmImport(ctx: Context, { import_id }: { import_id: number }): Output<'imports.confirm'> {
  const batch = getBatch(ctx.db, import_id);
  if (!batch) throw new CoreError('NOT_FOUND', 'There is no such import.');
  if (batch.status !== 'finished')
    throw new CoreError('CONFLICT', `Only a finished import can be confirmed (this one is ${batch.status}).`);
  ctx.db.transaction(() => {
    // The before-images are personal data kept only for undo: once confirmed they go.
    dropBefore(ctx.db, import_id);
    setStatus(ctx.db, import_id, 'confirmed', { closed: ctx.now() });
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'import.confirm',
      entity: 'import',
      entityId: import_id,
    });
  })();
  return batchOut(getBatch(ctx.db, import_id) as BatchRow);
}

export function listImports(ctx: Context, input: { limit: number }): Output<'imports.list'> {
  return listBatches(ctx.db, input.limit).map(batchOut);
}

export function readTemplates(ctx: Context, input: { source?: string }): Output<'imports.templates'> {
  return listTemplates(ctx.db, input.source).map((t) => ({
    name: t.name,
    source: t.source,
    updated_at: t.updated_at,
    mapping: Object.entries(JSON.parse(t.mapping) as Record<string, Mapping[number]>).map(([header, target]) => ({
      header,
      target,
    })),
  }));
}

export function saveTemplate(ctx: Context, input: Input<'imports.saveTemplate'>): Output<'imports.saveTemplate'> {
  if (input.mapping.length !== input.headers.length) {
    throw new CoreError('INVALID_INPUT', 'Give one mapping entry per header.', [
      { path: 'mapping', message: 'One entry per header.' },
    ]);
  }
  ctx.db.transaction(() => {
    upsertTemplate(
      ctx.db,
      {
        name: input.name,
        source: input.source,
        signature: headerSignature(input.headers),
        mapping: JSON.stringify(Object.fromEntries(input.headers.map((h, i) => [h, input.mapping[i] ?? null]))),
      },
      ctx.session.user.id,
      ctx.now(),
    );
    appendAudit(ctx.db, ctx.session.user.id, ctx.now(), {
      action: 'import.template',
      detail: { name: input.name, source: input.source },
    });
  })();
  return { name: input.name };
}
