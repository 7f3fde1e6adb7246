// A core refusal on a react-hook-form form: each field error beside its field, anything that
// belongs to no field of this form in the banner above it.
import { useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { AppError } from '../../../shared/contract/result';

export function useCoreErrors<T extends FieldValues>(setError: UseFormSetError<T>) {
  const [problem, setProblem] = useState<string | null>(null);
  function place(error: AppError, paths: readonly string[]): void {
    const placed = (error.fields ?? []).filter((f) => paths.includes(f.path));
    for (const f of placed) setError(f.path as Path<T>, { type: 'core', message: f.message });
    setProblem(placed.length === 0 ? error.message : null);
  }
  return { problem, place, clear: () => setProblem(null) };
}
