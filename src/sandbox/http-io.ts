import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, badRequest, SandboxErrorCode } from './api-error.js';

/** Bodies above this are refused: no import request comes near it, so a bigger one is a client bug. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A request body as received, not yet parsed: parsing waits until auth and the rate limit have passed. */
export interface RawBody {
  text: string;
  contentType: string | undefined;
  tooLarge: boolean;
}

/** Reads the whole body. An oversized body is drained but not kept, so the answer can still be sent. */
export async function readBody(req: IncomingMessage): Promise<RawBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return {
    text: Buffer.concat(chunks).toString('utf8'),
    contentType: req.headers['content-type'],
    tooLarge: size > MAX_BODY_BYTES,
  };
}

/**
 * The JSON a write or search carries. A body without a JSON content type is refused (415) rather than
 * guessed at, because the real API would not parse it either.
 */
export function parseJsonBody(body: RawBody): unknown {
  if (body.tooLarge) {
    const message = `The body exceeds ${MAX_BODY_BYTES} bytes.`;
    throw new ApiError(413, [{ code: SandboxErrorCode.payloadTooLarge, message }]);
  }
  if (body.text.trim() === '') throw badRequest(SandboxErrorCode.invalidBody, 'A JSON body is required.');
  const mediaType = body.contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== 'application/json' && !mediaType.endsWith('+json')) {
    const message = `Content-Type must be application/json, got "${mediaType}".`;
    throw new ApiError(415, [{ code: SandboxErrorCode.unsupportedMediaType, message }]);
  }
  try {
    return JSON.parse(body.text) as unknown;
  } catch (error) {
    throw badRequest(SandboxErrorCode.invalidJson, `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/** Answers with a JSON document, or with no body at all for 204. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.destroyed || res.headersSent) return;
  if (status === 204) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res
    .writeHead(status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
    })
    .end(text);
}

/** Answers with HelpCrunch's error envelope. */
export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, { errors: error.errors }, error.headers);
}

/**
 * For requests Node cannot even parse (bad request line, oversized headers): still the error envelope, so a
 * client's error handling meets one format whatever it sends.
 */
export function answerClientError(_error: Error, socket: Duplex): void {
  if (!socket.writable) return;
  const text = JSON.stringify({ errors: [{ code: SandboxErrorCode.invalidRequest, message: 'Malformed HTTP request.' }] });
  const head = `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}`;
  socket.end(`${head}\r\nconnection: close\r\n\r\n${text}`);
}
