import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { PRIVATE_FILE } from '../disk-writes.js';
import { readOptionalFile } from '../read-optional-file.js';
import { ApiError } from './api-error.js';
import { CustomerStore, type StoreState } from './customer-store.js';
import { expectObject, parseWriteFields } from './write-fields.js';

const FORMAT = 'hc-import-sandbox/1';

/**
 * Builds the starting state from customers in the WRITE shape, through the same validation and userId rule
 * as `POST /customers`, so a test cannot seed data the API itself would never hold.
 */
export function seedState(customers: ReadonlyArray<Record<string, unknown>>): StoreState {
  const store = new CustomerStore();
  customers.forEach((customer, index) => {
    try {
      store.create(parseWriteFields(expectObject(customer, 'A seed customer')));
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      throw new Error(`Sandbox seed customer ${index} is invalid: ${error.message}`, { cause: error });
    }
  });
  return store.state();
}

/** Reads a saved store; `undefined` when the file does not exist yet. A damaged file is an error, not empty. */
export async function loadState(file: string): Promise<StoreState | undefined> {
  const text = await readOptionalFile(file);
  if (text === undefined) return undefined;
  const saved = JSON.parse(text) as Partial<StoreState> & { format?: unknown };
  const valid =
    saved.format === FORMAT &&
    Number.isSafeInteger(saved.nextId) &&
    Array.isArray(saved.customers) &&
    saved.customers.every((customer) => Number.isSafeInteger(customer?.id));
  if (!valid) throw new Error(`${file} is not a sandbox data file (expected format ${FORMAT})`);
  return { nextId: saved.nextId as number, customers: saved.customers as StoreState['customers'] };
}

/** Writes to a temp file beside the target and renames it over, so a crash never leaves half a file. */
export async function saveState(file: string, state: StoreState): Promise<void> {
  const temp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  try {
    // Owner only: a rehearsal loads real customers into the sandbox (0666 was world-readable under umask 022).
    await writeFile(temp, `${JSON.stringify({ format: FORMAT, ...state })}\n`, { encoding: 'utf8', mode: PRIVATE_FILE });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Saves the store every `intervalMs` when it changed, and once more on `stop()`. Saves run one at a time,
 * so an older snapshot can never land after a newer one.
 */
export class AutoSaver {
  readonly #file: string;
  readonly #store: CustomerStore;
  readonly #timer: NodeJS.Timeout;
  #savedVersion: number;
  #queue: Promise<void> = Promise.resolve();
  #lastError: unknown;

  constructor(file: string, store: CustomerStore, intervalMs: number) {
    this.#file = file;
    this.#store = store;
    this.#savedVersion = store.version;
    this.#timer = setInterval(() => void this.#saveIfChanged(), intervalMs);
    // A sandbox left open must not keep the process alive on its own.
    this.#timer.unref();
  }

  /** Stops the timer and writes the last changes; rejects if that final save fails. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#lastError = undefined;
    await this.#saveIfChanged();
    if (this.#lastError !== undefined) throw this.#lastError;
  }

  #saveIfChanged(): Promise<void> {
    this.#queue = this.#queue.then(async () => {
      const version = this.#store.version;
      if (version === this.#savedVersion) return;
      try {
        await saveState(this.#file, this.#store.state());
        this.#savedVersion = version;
      } catch (error) {
        // A periodic save that fails is retried on the next tick; only the final one reports.
        this.#lastError = error;
      }
    });
    return this.#queue;
  }
}
