/**
 * The error kinds shared by the API and the web. A service throws a DomainError; one middleware turns
 * it into application/problem+json; the web maps field errors to inline messages.
 */
export const problemStatus = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'too-large': 413,
  unprocessable: 422,
  'rate-limited': 429,
  internal: 500,
} as const;

export type ProblemKind = keyof typeof problemStatus;

/** Field path (e.g. "name", "rule.conditions.0.values") → plain-English message. */
export type FieldErrors = Record<string, string>;

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  kind: ProblemKind;
  errors?: FieldErrors;
  /** For a stale update (409): the version now stored, so the page can show it. */
  current?: unknown;
  /** A finer reason within a kind, for callers that act on it (e.g. retry when "in-progress"). */
  code?: ProblemCode;
  /** For text that may hold personal data (422): what was found, to fix or confirm. */
  findings?: unknown[];
  /** For a limit reached (429): seconds until it may be tried again (also sent as Retry-After). */
  retryAfter?: number;
}

export const problemCodes = ['in-progress', 'idempotency-key-reused', 'wrong-credentials', 'not-staff', 'new-password'] as const;
export type ProblemCode = (typeof problemCodes)[number];

export class DomainError extends Error {
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly extra: { errors?: FieldErrors; current?: unknown; code?: ProblemCode; findings?: unknown[]; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return problemStatus[this.kind];
  }

  toProblem(): Problem {
    return {
      type: `https://parent-voice.example/problems/${this.extra.code ?? this.kind}`,
      title: this.message,
      status: this.status,
      kind: this.kind,
      ...(this.extra.errors ? { errors: this.extra.errors } : {}),
      ...(this.extra.current !== undefined ? { current: this.extra.current } : {}),
      ...(this.extra.code ? { code: this.extra.code } : {}),
      ...(this.extra.findings ? { findings: this.extra.findings } : {}),
      ...(this.extra.retryAfter !== undefined ? { retryAfter: this.extra.retryAfter } : {}),
    };
  }
}

/** The title of most refusals with field errors: the fields say what to change. */
export const INVALID_MESSAGE = 'There is a problem with the information you gave';

/** A refusal (400) with a message per field. */
export function invalid(errors: FieldErrors, message: string = INVALID_MESSAGE): DomainError {
  return new DomainError('invalid', message, { errors });
}

/** Nothing (the caller may see) at this address (404). */
export function notFound(message: string): DomainError {
  return new DomainError('not-found', message);
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    'status' in value &&
    'kind' in value &&
    typeof (value as Problem).title === 'string'
  );
}
