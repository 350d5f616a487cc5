import { createRedactor, type Redact } from './redact-secrets.js';

/**
 * The secrets of one CLI invocation, learnt as they are found: the output streams are wrapped before the
 * API key is read (it may come from a file), so the redactor must take secrets added later. A further
 * secret (the hashing secret) is one more `add`.
 */
export interface SecretSet {
  add(...secrets: readonly (string | undefined)[]): void;
  /** Redacts every form of every secret added so far. */
  readonly redact: Redact;
}

export function createSecretSet(initial: readonly (string | undefined)[] = []): SecretSet {
  const secrets = new Set<string>();
  let current = createRedactor([]);
  const add = (...more: readonly (string | undefined)[]): void => {
    const before = secrets.size;
    for (const secret of more) if (secret) secrets.add(secret);
    // Rebuilt only when a new secret arrives: the one regex is compiled once per secret, not per write.
    if (secrets.size !== before) current = createRedactor([...secrets]);
  };
  add(...initial);
  return { add, redact: (text) => current(text) };
}
