/**
 * Every error the API returns is an AppError: a stable code, an HTTP status and a
 * message a person understands. They are mapped to `{"error":{code,message}}` in one
 * place (`http/handler.ts`); anything else is a bug and becomes a logged 500.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOTIFICATION_SENDER_NOT_CONFIGURED'
  | 'POLICY_VIOLATION'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ADMIN_SENDER_ENFORCED'
  | 'PAYLOAD_TOO_LARGE'
  | 'SHARE_NOT_FOUND'
  | 'SHARE_EXPIRED'
  | 'SHARE_CANCELLED'
  | 'WRONG_PASSWORD'
  | 'WRONG_CODE'
  | 'INVALID_TOKEN'
  | 'TOO_MANY_ATTEMPTS'
  | 'DEVICE_BOUND'
  | 'DOWNLOAD_DISABLED'
  | 'DOWNLOAD_LIMIT_REACHED'
  | 'FILE_NOT_FOUND'
  | 'EMAIL_DISABLED'
  | 'SENDER_NOT_ALLOWED'
  | 'SENDER_NOT_VERIFIED'
  | 'SENDER_CODE_INVALID'
  | 'EMAIL_LIMIT_REACHED'
  | 'REQUEST_NOT_FOUND'
  | 'REQUEST_CLOSED'
  | 'REQUEST_EXPIRED'
  | 'REQUEST_FULL'
  | 'TRANSFER_NOT_FOUND'
  | 'TRANSFER_EXPIRED'
  | 'PREVIEW_UNAVAILABLE'
  | 'PREVIEW_FAILED'
  | 'PREVIEW_PAGE_OUT_OF_RANGE'
  | 'INTERNAL_ERROR';

const statusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOTIFICATION_SENDER_NOT_CONFIGURED: 400,
  POLICY_VIOLATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ADMIN_SENDER_ENFORCED: 409,
  PAYLOAD_TOO_LARGE: 413,
  SHARE_NOT_FOUND: 404,
  SHARE_EXPIRED: 410,
  SHARE_CANCELLED: 410,
  WRONG_PASSWORD: 401,
  WRONG_CODE: 401,
  INVALID_TOKEN: 401,
  TOO_MANY_ATTEMPTS: 429,
  DEVICE_BOUND: 403,
  DOWNLOAD_DISABLED: 403,
  DOWNLOAD_LIMIT_REACHED: 403,
  FILE_NOT_FOUND: 404,
  EMAIL_DISABLED: 400,
  SENDER_NOT_ALLOWED: 400,
  SENDER_NOT_VERIFIED: 400,
  SENDER_CODE_INVALID: 400,
  EMAIL_LIMIT_REACHED: 429,
  REQUEST_NOT_FOUND: 404,
  REQUEST_CLOSED: 410,
  REQUEST_EXPIRED: 410,
  REQUEST_FULL: 403,
  TRANSFER_NOT_FOUND: 404,
  TRANSFER_EXPIRED: 410,
  PREVIEW_UNAVAILABLE: 415,
  PREVIEW_FAILED: 422,
  PREVIEW_PAGE_OUT_OF_RANGE: 400,
  INTERNAL_ERROR: 500,
};

/** Every code with its status: the API contract (`contract/api/`) documents them, tests check answers against them. */
export const errorStatuses: Readonly<Record<ErrorCode, number>> = statusOf;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.status = statusOf[code];
  }
}

export const validationFailed = (message: string) => new AppError('VALIDATION_FAILED', message);
export const notFound = (message = 'Not found.') => new AppError('NOT_FOUND', message);
export const policyViolation = (message: string) => new AppError('POLICY_VIOLATION', message);
