/**
 * One error base class with a stable `code`. Services throw these; only the HTTP edge
 * (server/http/problem.ts) turns them into a status and an RFC 9457 body.
 */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'unavailable'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'internal';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `body.skills.2` or `query.limit`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; issues?: FieldIssue[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.issues = options?.issues ?? [];
  }
}

export class ValidationError extends AppError {
  constructor(issues: FieldIssue[], message = 'The request is not valid') {
    super('validation', message, { issues });
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super('not_found', `${what} ${id} was not found`);
  }
}

export class ConflictError extends AppError {
  constructor(field: string, message: string) {
    super('conflict', message, { issues: [{ field, message }] });
  }
}

/** A dependency (database, search engine) could not be reached: the client may retry. */
export class UnavailableError extends AppError {
  readonly dependency: string;
  constructor(dependency: string, cause?: unknown) {
    super('unavailable', `${dependency} is not reachable`, { cause });
    this.dependency = dependency;
  }
}

export class UnprocessableError extends AppError {
  constructor(field: string, message: string) {
    super('unprocessable', message, { issues: [{ field, message }] });
  }
}
