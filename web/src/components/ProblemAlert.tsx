import { Alert } from 'antd';
import type { ApiProblem } from '../api/problem';
import { common } from '../i18n/common';
import { useT } from '../i18n/locale-context';

/**
 * A refused request as the user should read it: the server's translated `detail`, and under
 * it each `errors[].message` (the reason of a refusal, e.g. "claim limit reached"), which the
 * server translates too.
 */
export function ProblemAlert({ problem }: { readonly problem: ApiProblem | null | undefined }) {
  const t = useT(common);
  if (!problem) return null;
  const title =
    problem.code === 'network' ? t('state.network') : problem.detail || t('state.failed');
  const reasons = problem.errors.map((issue) => issue.message).filter((text) => text !== '');
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="problem"
      data-code={problem.code}
      title={title}
      description={
        reasons.length > 0 ? (
          <ul className="pw-problem-reasons">
            {reasons.map((reason, at) => (
              <li key={at}>{reason}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
