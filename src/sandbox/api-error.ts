/** One entry of HelpCrunch's error envelope `{"errors":[…]}`. `item` names the batch item at fault. */
export interface ErrorEntry {
  code: string;
  message: string;
  item?: number;
}

/** The error codes the sandbox answers with. Clients match on these, so never rename one. */
export const SandboxErrorCode = {
  invalidRequest: 'invalid_request',
  invalidJson: 'invalid_json',
  invalidBody: 'invalid_body',
  unknownField: 'unknown_field',
  invalidFilter: 'invalid_filter',
  invalidComparison: 'invalid_comparison',
  invalidOffset: 'invalid_offset',
  invalidLimit: 'invalid_limit',
  invalidBatchSize: 'invalid_batch_size',
  invalidCustomer: 'invalid_customer_value',
  unsupportedMediaType: 'unsupported_media_type',
  payloadTooLarge: 'payload_too_large',
  unauthorized: 'unauthorized',
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  tooManyRequests: 'too_many_requests',
  serviceUnavailable: 'service_unavailable',
  internalError: 'internal_error',
} as const;

/** `invalid_<field>_value`: the code for a write field whose value the API refuses. */
export function invalidValueCode(field: string): string {
  return `invalid_${field}_value`;
}

/** An answer that is not a success. Handlers throw it; the request pipeline turns it into the envelope. */
export class ApiError extends Error {
  readonly status: number;
  readonly errors: ErrorEntry[];
  readonly headers: Record<string, string>;

  constructor(status: number, errors: ErrorEntry[], headers: Record<string, string> = {}) {
    super(errors.map((entry) => `${entry.code}: ${entry.message}`).join('; '));
    this.name = 'ApiError';
    this.status = status;
    this.errors = errors;
    this.headers = headers;
  }

  /** The same error, blamed on one batch item: the message says which and the entry carries `item`. */
  forItem(item: number): ApiError {
    const errors = this.errors.map((entry) =>
      entry.code === SandboxErrorCode.invalidRequest ? entry : { ...entry, item, message: `item ${item}: ${entry.message}` },
    );
    return new ApiError(this.status, errors, this.headers);
  }
}

/** A 400 in HelpCrunch's usual form: the generic `invalid_request` first, then the specific reason. */
export function badRequest(code: string, message: string): ApiError {
  return new ApiError(400, [
    { code: SandboxErrorCode.invalidRequest, message: 'The request is invalid.' },
    { code, message },
  ]);
}

/** A 404 for an unknown customer id or an unknown route. */
export function notFound(message: string): ApiError {
  return new ApiError(404, [{ code: SandboxErrorCode.notFound, message }]);
}
