/**
 * What a domain module throws when a request cannot be done: the caller's fault or the object's state,
 * never a bug. The adapters translate it (tRPC codes, HTTP statuses), so domain code does not depend on them.
 */
export type DomainErrorCode = 'BAD_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'PRECONDITION_FAILED' | 'TOO_MANY_REQUESTS';

export const HTTP_STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, PRECONDITION_FAILED: 412, TOO_MANY_REQUESTS: 429,
};

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  constructor(opts: { code: DomainErrorCode; message: string; cause?: unknown }) {
    super(opts.message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DomainError';
    this.code = opts.code;
  }
}
