// A react-hook-form resolver over a contract schema: the form's strings are first shaped into
// the method's input (empty optional boxes dropped), then checked by the very schema the core
// uses, so the messages beside the fields are the core's own words.
import type { FieldErrors, FieldValues, Resolver } from 'react-hook-form';
import type { z } from 'zod';

export function contractResolver<T extends FieldValues>(schema: z.ZodType, shape: (values: T) => unknown): Resolver<T> {
  return async (values) => {
    const parsed = schema.safeParse(shape(values));
    if (parsed.success) return { values, errors: {} };
    const errors: Record<string, { type: string; message: string }> = {};
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.') || 'root';
      errors[path] ??= { type: issue.code, message: issue.message };
    }
    return { values: {}, errors: errors as FieldErrors<T> };
  };
}

/** '' → undefined, for optional text boxes. */
export function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : value;
}
