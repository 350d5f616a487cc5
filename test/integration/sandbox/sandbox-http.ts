import { afterEach } from 'vitest';
import {
  startSandbox,
  type ErrorEntry,
  type Sandbox,
  type SandboxOptions,
  type StoredSandboxCustomer,
} from '../../../src/sandbox/start-sandbox.js';

/** An HTTP answer with its body parsed as JSON (`undefined` when empty). */
export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ErrorBody {
  errors: ErrorEntry[];
}

export interface PageBody {
  data: StoredSandboxCustomer[];
  total: number;
}

export interface CallOptions {
  /** The API key to send; `null` sends no Authorization header. Defaults to the sandbox's key. */
  key?: string | null;
  /** Sent as-is instead of `JSON.stringify(body)`. */
  raw?: string;
  contentType?: string;
}

/** Starts sandboxes on free ports and closes every one after the test that started it. */
export function useSandboxes(): (options?: SandboxOptions) => Promise<Sandbox> {
  const started: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((sandbox) => sandbox.close()));
  });
  return async (options) => {
    const sandbox = await startSandbox(options);
    started.push(sandbox);
    return sandbox;
  };
}

/** One request to the sandbox; `path` is relative to the base URL, e.g. `/customers?limit=5`. */
export async function call<T = unknown>(
  sandbox: Sandbox,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<Answer<T>> {
  const key = options.key === undefined ? sandbox.key : options.key;
  const headers: Record<string, string> = {};
  if (key !== null) headers['authorization'] = `Bearer ${key}`;
  const text = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  if (text !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  const response = await fetch(`${sandbox.url}${path}`, { method, headers, body: text });
  const answer = await response.text();
  return { status: response.status, headers: response.headers, body: (answer === '' ? undefined : JSON.parse(answer)) as T };
}

/** Creates one customer and insists it worked. */
export async function create(sandbox: Sandbox, fields: Record<string, unknown>): Promise<StoredSandboxCustomer> {
  const answer = await call<StoredSandboxCustomer>(sandbox, 'POST', '/customers', fields);
  if (answer.status !== 201) throw new Error(`create failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The codes of an error answer, in order. */
export function codes(answer: Answer<unknown>): string[] {
  const errors = (answer.body as Partial<ErrorBody> | undefined)?.errors;
  if (!Array.isArray(errors)) throw new Error(`not an error envelope (${answer.status}): ${JSON.stringify(answer.body)}`);
  return errors.map((entry) => entry.code);
}

/** The error entry with `code`, which the test expects to be there. */
export function entryWith(answer: Answer<unknown>, code: string): ErrorEntry {
  const found = (answer.body as Partial<ErrorBody> | undefined)?.errors?.find((entry) => entry.code === code);
  if (found === undefined) throw new Error(`no ${code} in ${JSON.stringify(answer.body)}`);
  return found;
}
