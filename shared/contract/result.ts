// Errors cross every boundary (worker, IPC, Playwright binding, CLI) as values with a closed
// set of codes; the renderer and the CLI turn each code into plain words.
import { z } from 'zod';

const ERROR_CODES = [
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ALREADY_EXISTS',
  'WRONG_PASSPHRASE',
  'TRY_LATER',
  'WEAK_PASSPHRASE',
  'FILE_NOT_FOUND',
  'FILE_IN_USE',
  'FILE_READ_ONLY',
  'NOT_A_DATABASE',
  'FILE_TOO_NEW',
  'DISK_FULL',
  'DISK_ERROR',
  'FILE_DAMAGED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const FieldError = z.object({ path: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const AppError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.array(FieldError).optional(),
});
export type AppError = z.infer<typeof AppError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Thrown inside the core; caught once by the dispatch and turned into a Result. */
export class CoreError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}
