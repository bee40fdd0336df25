import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id`; the package declares it as an ambient const enum we cannot import. */
const ARGON2ID = 2;

/**
 * argon2id with OWASP's recommended parameters (19 MiB, 2 passes). The hash string carries
 * its own parameters, so raising them later still verifies old hashes.
 */
const options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Verifying against a fixed dummy hash when the user does not exist makes a failed sign-in
 * take as long either way, so response times do not reveal which e-mails have accounts.
 */
let dummyHash: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('pipewright-timing-equaliser');
  await verifyPassword(await dummyHash, password);
}
