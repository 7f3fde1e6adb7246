// A core refusal on a react-hook-form form: each field error beside its field, anything that
// belongs to no field of this form in the banner above it (the rule is placeRefusal's).
import { useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import type { AppError } from '../../../shared/contract/result';
import { placeRefusal } from './refusal';

export function useCoreErrors<T extends FieldValues>(setError: UseFormSetError<T>) {
  const [problem, setProblem] = useState<string | null>(null);
  function place(error: AppError, paths: readonly string[]): void {
    const placed = placeRefusal(error, paths);
    for (const [path, message] of Object.entries(placed.errors)) setError(path as Path<T>, { type: 'core', message });
    setProblem(placed.problem);
  }
  return { problem, place, clear: () => setProblem(null) };
}
