import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets } from './audit.js';

describe('redactSecrets', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'password'],
    ['a number', 42],
    ['a boolean', false],
    ['an empty object', {}],
    ['an empty array', []],
  ])('returns %s unchanged', (_name, value) => {
    expect(redactSecrets(value)).toEqual(value);
  });

  it.each([
    'password',
    'passwordHash',
    'newPassword',
    'PASSWORD',
    'token',
    'accessToken',
    'refresh_token',
    'secret',
    'clientSecret',
    'hash',
    'tokenHash',
    'HashedValue',
  ])('redacts the key %j', (key) => {
    expect(redactSecrets({ [key]: 'sensitive', keep: 'x' })).toEqual({
      [key]: '[redacted]',
      keep: 'x',
    });
  });

  it.each(['email', 'name', 'pass', 'tok', 'role', 'version', 'ownerId'])(
    'leaves the key %j alone',
    (key) => {
      expect(redactSecrets({ [key]: 'value' })).toEqual({ [key]: 'value' });
    },
  );

  it('redacts whatever the value is, including objects and null', () => {
    // a nested secret object must not leak its inner fields either
    expect(redactSecrets({ secret: { a: 1 }, token: null, passwordHash: ['x'], hash: 0 })).toEqual({
      secret: '[redacted]',
      token: '[redacted]',
      passwordHash: '[redacted]',
      hash: '[redacted]',
    });
  });

  it('walks nested objects and arrays', () => {
    const before = {
      id: 'u1',
      profile: { name: '张伟', credentials: { password: 'hunter2', totpSecret: 'ABC' } },
      sessions: [
        { id: 's1', token: 't1' },
        { id: 's2', token: 't2', nested: [[{ apiToken: 'deep' }]] },
      ],
      tags: ['password', 'token'],
      count: 3,
    };
    expect(redactSecrets(before)).toEqual({
      id: 'u1',
      profile: { name: '张伟', credentials: { password: '[redacted]', totpSecret: '[redacted]' } },
      sessions: [
        { id: 's1', token: '[redacted]' },
        { id: 's2', token: '[redacted]', nested: [[{ apiToken: '[redacted]' }]] },
      ],
      // values that merely look like secret names are data, not keys
      tags: ['password', 'token'],
      count: 3,
    });
  });

  it('does not mutate its input', () => {
    const input = { user: { password: 'p' }, list: [{ token: 't' }] };
    const copy = structuredClone(input);
    redactSecrets(input);
    expect(input).toEqual(copy);
  });

  it('property: no secret-named key keeps its value, and JSON without such keys is unchanged', () => {
    const secretKey = fc.constantFrom('password', 'token', 'secret', 'hash', 'passwordHash');
    const plainKey = fc.constantFrom('id', 'name', 'email', 'amount', 'items');
    const withSecrets = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 0 }),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(fc.oneof(secretKey, plainKey), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(withSecrets, (value) => {
        const redacted = redactSecrets(value);
        expect(secretValues(redacted)).toEqual(secretValues(redacted).map(() => '[redacted]'));
        // redacting twice is the same as once
        expect(redactSecrets(redacted)).toEqual(redacted);
      }),
    );
    const plain = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.jsonValue({ maxDepth: 0 }),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(plainKey, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(plain, (value) => {
        expect(redactSecrets(value)).toEqual(value);
      }),
    );
  });
});

/** Every value found under a secret-looking key, anywhere in the tree. */
function secretValues(value: unknown): unknown[] {
  if (Array.isArray(value)) return (value as unknown[]).flatMap(secretValues);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([key, inner]) =>
      /password|token|secret|hash/i.test(key) ? [inner] : secretValues(inner),
    );
  }
  return [];
}
