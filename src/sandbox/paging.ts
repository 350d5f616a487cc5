import { badRequest, SandboxErrorCode } from './api-error.js';

/** Which slice of the matches to answer with. */
export interface PageWindow {
  offset: number;
  limit: number;
}

/** The page size a client gets when it does not ask for one. */
export const DEFAULT_LIMIT = 100;

/**
 * Reads `offset` and `limit`, each either absent or a non-negative integer. A limit above `maxPageSize` is
 * cut down without telling the client, as real servers do: clients must page by the items they received.
 */
export function readPageWindow(raw: { offset: unknown; limit: unknown }, maxPageSize: number): PageWindow {
  const offset = readCount(raw.offset, 'offset', 0, SandboxErrorCode.invalidOffset);
  const limit = readCount(raw.limit, 'limit', DEFAULT_LIMIT, SandboxErrorCode.invalidLimit);
  if (limit < 1) throw badRequest(SandboxErrorCode.invalidLimit, 'limit must be at least 1.');
  return { offset, limit: Math.min(limit, maxPageSize) };
}

/** The same, from a URL's query string, where only digits make a number. */
export function readQueryPageWindow(params: URLSearchParams, maxPageSize: number): PageWindow {
  return readPageWindow({ offset: queryNumber(params, 'offset'), limit: queryNumber(params, 'limit') }, maxPageSize);
}

function queryNumber(params: URLSearchParams, name: string): unknown {
  const value = params.get(name);
  if (value === null) return undefined;
  return /^\d{1,15}$/.test(value) ? Number(value) : value;
}

function readCount(value: unknown, name: string, fallback: number, code: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw badRequest(code, `${name} must be a non-negative integer.`);
  }
  return value;
}
