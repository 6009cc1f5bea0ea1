/**
 * Why a preview was refused. `code` is the stable API error code and `status` its HTTP
 * status; `reason` says which case it was (for logs, metrics and tests), `message` says it to a person.
 */
export type RenderErrorCode = 'PREVIEW_UNAVAILABLE' | 'PREVIEW_FAILED' | 'PREVIEW_PAGE_OUT_OF_RANGE';

export type RenderErrorReason =
  /** A kind we do not preview (archive, office document, HEIC, unknown binary, other text formats). */
  | 'UNSUPPORTED_TYPE'
  /** Video or audio: never previewed. */
  | 'MEDIA'
  | 'EMPTY'
  /** The name says image or PDF but the content is something else we will not guess at. */
  | 'MISMATCH'
  | 'CORRUPT'
  /** A PDF that needs a password to open. */
  | 'ENCRYPTED'
  /** More bytes than we read, or the renderer ran out of its memory budget. */
  | 'TOO_LARGE'
  /** An image whose declared dimensions exceed the pixel budget (decompression bombs). */
  | 'TOO_MANY_PIXELS'
  | 'TIMED_OUT'
  | 'PAGE_OUT_OF_RANGE';

const statusOf: Record<RenderErrorCode, number> = {
  PREVIEW_UNAVAILABLE: 415,
  PREVIEW_FAILED: 422,
  PREVIEW_PAGE_OUT_OF_RANGE: 400,
};

const codeOf: Record<RenderErrorReason, RenderErrorCode> = {
  UNSUPPORTED_TYPE: 'PREVIEW_UNAVAILABLE',
  MEDIA: 'PREVIEW_UNAVAILABLE',
  EMPTY: 'PREVIEW_FAILED',
  MISMATCH: 'PREVIEW_FAILED',
  CORRUPT: 'PREVIEW_FAILED',
  ENCRYPTED: 'PREVIEW_FAILED',
  TOO_LARGE: 'PREVIEW_FAILED',
  TOO_MANY_PIXELS: 'PREVIEW_FAILED',
  TIMED_OUT: 'PREVIEW_FAILED',
  PAGE_OUT_OF_RANGE: 'PREVIEW_PAGE_OUT_OF_RANGE',
};

export class RenderError extends Error {
  override readonly name = 'RenderError';
  readonly code: RenderErrorCode;
  readonly status: number;
  /** Set for PAGE_OUT_OF_RANGE, so a client can offer the pages that exist. */
  readonly pageCount?: number;

  /** `cause` is for logs (what the decoder said), never for the person reading `message`. */
  constructor(
    readonly reason: RenderErrorReason,
    message: string,
    options: { pageCount?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = codeOf[reason];
    this.status = statusOf[this.code];
    if (options.pageCount !== undefined) this.pageCount = options.pageCount;
  }

  /** The body of the API's one error shape. */
  toJSON() {
    return { error: { code: this.code, message: this.message } };
  }
}

export function isRenderError(error: unknown): error is RenderError {
  return error instanceof RenderError;
}
