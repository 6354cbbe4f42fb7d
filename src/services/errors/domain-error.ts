/** Every code a domain error may carry; the one error-mapping place turns it into extensions.code. */
export type DomainErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'AGENT_NOT_RUNNING'
  | 'NO_AGENT_AVAILABLE'
  | 'INVALID_WORKFLOW'
  | 'CURSOR_EXPIRED'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'SLOW_CONSUMER';

export interface DomainErrorDetails {
  /** The offending input field, e.g. "input.config.url". */
  path?: string;
  /** Extra machine-readable facts, copied into extensions (never secrets). */
  extensions?: Record<string, unknown>;
}

/** An expected failure the client may see in full: it carries a string code and a safe message. */
export class DomainError extends Error {
  readonly path: string | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    details: DomainErrorDetails = {},
  ) {
    super(message);
    this.name = 'DomainError';
    this.path = details.path;
    this.extensions = details.extensions ?? {};
  }
}

export function badInput(message: string, path?: string): DomainError {
  return new DomainError('BAD_USER_INPUT', message, path === undefined ? {} : { path });
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} ${id} does not exist`);
}

export function conflict(message: string): DomainError {
  return new DomainError('CONFLICT', message);
}
