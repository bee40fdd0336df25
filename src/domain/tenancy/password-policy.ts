import type { FieldIssue } from '../errors.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Length over composition rules (NIST SP 800-63B): long passphrases are fine, short
 * "complex" ones are not; and a password may not contain the user's own e-mail name.
 */
export function passwordIssues(password: string, email: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    issues.push({
      path: 'password',
      code: 'too_short',
      message: `at least ${PASSWORD_MIN_LENGTH} characters`,
    });
  }
  if (length > PASSWORD_MAX_LENGTH) {
    issues.push({
      path: 'password',
      code: 'too_long',
      message: `at most ${PASSWORD_MAX_LENGTH} characters`,
    });
  }
  const localPart = email.split('@')[0]?.toLowerCase() ?? '';
  if (localPart.length >= 3 && password.toLowerCase().includes(localPart)) {
    issues.push({
      path: 'password',
      code: 'contains_email',
      message: 'must not contain your e-mail name',
    });
  }
  return issues;
}
