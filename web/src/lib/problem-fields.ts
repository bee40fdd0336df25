import type { FormInstance } from 'antd';
import type { ApiProblem, FieldIssue } from '../api/problem';

/** A problem path ("stages/2/probability") as an antd field name (['stages', 2, 'probability']). */
export function fieldNameOf(path: string): (string | number)[] {
  return path
    .split('/')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows the server's per-field errors (`errors[].path`) next to the form fields they name
 * and returns the issues no field on the form can show (the caller lists those with the
 * problem's detail). The server is the judge: the form only places its verdicts.
 */
export function placeFieldErrors(
  form: FormInstance,
  problem: ApiProblem,
  /** A body member the form's fields sit under (e.g. 'scorecard'), stripped from paths. */
  under?: string,
): readonly FieldIssue[] {
  const registered = new Set(form.getFieldsError().map((field) => field.name.join('/')));
  const byField = new Map<string, string[]>();
  const unplaced: FieldIssue[] = [];
  for (const issue of problem.errors) {
    const path =
      under && issue.path.startsWith(`${under}/`) ? issue.path.slice(under.length + 1) : issue.path;
    const key = fieldNameOf(path).join('/');
    if (registered.has(key)) byField.set(key, [...(byField.get(key) ?? []), issue.message]);
    else unplaced.push(issue);
  }
  form.setFields([...byField].map(([key, errors]) => ({ name: fieldNameOf(key), errors })));
  return unplaced;
}

/** Clears the server's earlier verdicts before a new submission (they were about old values). */
export function clearFieldErrors(form: FormInstance): void {
  form.setFields(
    form
      .getFieldsError()
      .filter((field) => field.errors.length > 0)
      .map((field) => ({ name: field.name, errors: [] })),
  );
}
