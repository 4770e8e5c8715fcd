import { useState } from "react";
import type { UseFormReturnType } from "@mantine/form";
import { ApiError, mapProblemToFields } from "../api/problem";

export interface FormFailure {
  error: unknown;
  unmatched: string[];
}

/**
 * Shows a failed submission: the problem's field errors beside their fields, and whatever
 * is left (the detail of a non-field problem, unknown fields, network errors) in `failure`.
 */
export function useProblemForm<V extends Record<string, unknown>>(
  form: UseFormReturnType<V>,
  aliases: Readonly<Record<string, string>> = {},
) {
  const [failure, setFailure] = useState<FormFailure | null>(null);

  function showError(error: unknown): void {
    if (error instanceof ApiError && error.problem.errors?.length) {
      const { fieldErrors, unmatched } = mapProblemToFields(error.problem, Object.keys(form.getValues()), aliases);
      form.setErrors(fieldErrors);
      setFailure(unmatched.length > 0 || Object.keys(fieldErrors).length === 0 ? { error, unmatched } : null);
      return;
    }
    setFailure({ error, unmatched: [] });
  }

  return { failure, showError, clearFailure: () => setFailure(null) };
}
