import { Alert } from 'antd';
import type { ApiProblem, FieldIssue } from '../api/problem';
import { common } from '../i18n/common';
import { useT } from '../i18n/locale-context';

/**
 * A refused form submission: the server's translated detail, and the issues no form field
 * shows (those placed next to their fields by placeFieldErrors are left out), each with its
 * line and column when the server names them, as it does for pipeline files.
 */
export function FormProblem({
  problem,
  issues,
  testId,
}: {
  readonly problem: ApiProblem | null | undefined;
  /** Default: every issue of the problem. */
  readonly issues?: readonly FieldIssue[];
  readonly testId?: string;
}) {
  const t = useT(common);
  if (!problem) return null;
  const list = issues ?? problem.errors;
  const title =
    problem.code === 'network' ? t('state.network') : problem.detail || t('state.failed');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid={testId ?? 'problem'}
      data-code={problem.code}
      style={{ marginBottom: 16 }}
      title={title}
      description={
        list.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {list.map((issue, i) => (
              <li key={`${issue.path}-${String(i)}`} data-line={issue.line}>
                {issue.line !== undefined
                  ? `${t('problem.at', { line: issue.line, column: issue.column ?? 1 })} `
                  : ''}
                {issue.message}
                {issue.path ? <code style={{ marginInlineStart: 8 }}>{issue.path}</code> : null}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
