// Where a form shows the core's refusal: each field error beside the field it names, and the
// refusal's own message in the banner when no field error found a place. One rule for every form.
import type { AppError } from '../../../shared/contract/result';

/** By field: every field may have a message when the form's fields are not named, else only some. */
type ByField<P extends string> = string extends P ? Record<string, string> : Partial<Record<P, string>>;
type Placed<P extends string> = { errors: ByField<P>; problem: string | null };

/**
 * `paths` are the fields this form shows an error beside; without them every field error is
 * placed. A field can carry several errors (the schema checks length, then guessability): the
 * first is the one shown, as the form's own resolver does (renderer/src/forms.ts).
 */
export function placeRefusal<P extends string = string>(error: AppError, paths?: readonly P[]): Placed<P> {
  const errors: Record<string, string> = {};
  for (const f of error.fields ?? []) {
    if (!paths || paths.includes(f.path as P)) errors[f.path] ??= f.message;
  }
  return { errors: errors as ByField<P>, problem: Object.keys(errors).length > 0 ? null : error.message };
}
