import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The closed list of error codes. Web and CLI switch on these, never on messages. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;
export type ErrorCode = keyof typeof ERROR_STATUS;

/** One field-level problem, so forms can put the message next to the right input. */
export interface FieldIssue {
  field: string;
  reason: string;
  message: string;
}

/** The one error type of the server. `details` is shown to the user: no secrets, no stack. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "You may not do this") => new AppError("forbidden", message);
