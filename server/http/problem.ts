import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, type ErrorCode, type FieldIssue } from '../errors.js';

const STATUS: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

const TITLES: Record<ErrorCode, string> = {
  validation: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Unprocessable content',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
  unavailable: 'Service unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldIssue[];
  instance?: string;
  requestId?: string;
}

export function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Maps body-parser's errors (which carry `type` and `status`) onto our codes. */
function fromBodyParser(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err)) return undefined;
  const type = (err as { type: unknown }).type;
  if (type === 'entity.parse.failed')
    return new AppError('validation', 'The body is not valid JSON', { issues: [{ field: 'body', message: 'malformed JSON' }] });
  if (type === 'entity.too.large')
    return new AppError('payload_too_large', 'The body is larger than 1 MB', {
      issues: [{ field: 'body', message: 'larger than 1 MB' }],
    });
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new AppError('unsupported_media_type', 'The body encoding is not supported', {
      issues: [{ field: 'content-type', message: 'unsupported charset or encoding' }],
    });
  return undefined;
}

/** The one place where an error becomes a status and an RFC 9457 body; never a stack or a path. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = err instanceof AppError ? err : fromBodyParser(err);
    const appErr = known ?? new AppError('internal', 'An unexpected error occurred');
    const status = STATUS[appErr.code];
    const requestId = String(res.getHeader('x-request-id') ?? '');
    if (status >= 500) {
      // The log line names the dependency or the bug; the client gets no internals.
      logger.error(
        { err: known && status === 503 ? { message: appErr.message, cause: String(appErr.cause) } : err, requestId, path: req.path },
        appErr.message,
      );
    }
    sendProblem(res, {
      type: `https://chaintalent.example/problems/${appErr.code}`,
      title: TITLES[appErr.code],
      status,
      detail: appErr.message,
      code: appErr.code,
      ...(appErr.issues.length > 0 ? { errors: appErr.issues } : {}),
      instance: req.originalUrl.split('?')[0],
      ...(requestId ? { requestId } : {}),
    });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route for ${req.method} ${req.path}`));
};
