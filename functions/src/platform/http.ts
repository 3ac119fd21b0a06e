import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { DomainError, invalid } from '@pv/shared/errors';
import type { Caller, Role } from '@pv/shared/auth.schema';
import { toFieldErrors } from '@pv/shared/validation';
import { enforce } from '../limits/limits.service.ts';
import { bearerToken, callerFromClaims, verifyIdToken } from './auth.ts';
import { clientOf } from './client.ts';
import { hashRequest, withIdempotency, type StoredResponse } from './idempotency.ts';
import { logger } from './logger.ts';

/**
 * Every API handler is built with apiHandler(): parse → authenticate → authorise (role + tenant) →
 * (public changes: the per-client limit) → validate → (idempotency) → the service call → JSON, or application/problem+json on any error.
 * Handlers stay thin; nothing here knows about a domain.
 */
export type Access =
  | { public: true }
  /** Signed in with one of these roles, and — when the path has a tenantId — of that tenant. */
  | { roles: readonly Role[] };

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** POSTs that create something honour an Idempotency-Key header. */
  idempotent?: boolean;
}

export interface ApiRequest<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: Caller | undefined;
  event: APIGatewayProxyEventV2;
}

export interface ApiResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const MAX_BODY_BYTES = 100 * 1024;

const securityHeaders: Record<string, string> = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};

interface State {
  caller?: Caller;
  started: number;
}

// Per-invocation state, keyed by the event: the local server runs many invocations at once.
const states = new WeakMap<object, State>();

function lowerHeaders(headers: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function readBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) return undefined;
  const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) {
    throw new DomainError('too-large', 'This request is too large. Send less than 100 KB.');
  }
  const type = lowerHeaders(event.headers)['content-type'] ?? '';
  if (!/^application\/(.+\+)?json\b/.test(type)) {
    throw new DomainError('invalid', 'Send the request body as JSON (Content-Type: application/json).');
  }
  try {
    return JSON.parse(raw);
  } catch {
    throw new DomainError('invalid', 'The request body is not valid JSON.');
  }
}

export function parseWith<T extends z.ZodType>(schema: T | undefined, value: unknown, what: string): z.output<T> {
  if (!schema) return value as z.output<T>;
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw invalid(toFieldErrors(result.error), `There is a problem with the ${what}`);
  }
  return result.data;
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { ...securityHeaders, 'content-type': 'application/json; charset=utf-8', ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export function problem(error: DomainError): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: error.status,
    headers: {
      ...securityHeaders,
      'content-type': 'application/problem+json; charset=utf-8',
      ...(error.extra.retryAfter !== undefined ? { 'retry-after': String(error.extra.retryAfter) } : {}),
    },
    body: JSON.stringify(error.toProblem()),
  };
}

async function authenticate(event: APIGatewayProxyEventV2, access: Access, tenantId: string | undefined): Promise<Caller | undefined> {
  if ('public' in access) return undefined;
  const token = bearerToken(lowerHeaders(event.headers));
  if (!token) throw new DomainError('unauthenticated', 'Sign in to do this.');
  const caller = callerFromClaims(await verifyIdToken(token));
  if (!caller.roles.some((r) => access.roles.includes(r))) {
    throw new DomainError('forbidden', 'Your account does not have permission to do this.');
  }
  // Tenant isolation: a caller only ever reaches their own partnership's data.
  if (tenantId !== undefined && tenantId !== caller.tenantId) {
    throw new DomainError('forbidden', 'Your account does not have permission to see this partnership.');
  }
  return caller;
}

function errorMapper(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  return {
    onError: async (request) => {
      const error = request.error;
      if (error instanceof DomainError) {
        request.response = problem(error);
      } else {
        logger.error('unhandled error', { errorName: (error as Error)?.name, errorMessage: (error as Error)?.message });
        request.response = problem(new DomainError('internal', 'Something went wrong on our side. Try again later.'));
      }
    },
  };
}

function accessLog(): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const done = (request: {
    event: APIGatewayProxyEventV2;
    context: Context;
    response: APIGatewayProxyStructuredResultV2 | null | undefined;
  }) => {
    const state = states.get(request.event) ?? { started: Date.now() };
    logger.info('request', {
      requestId: request.event.requestContext?.requestId ?? request.context.awsRequestId,
      route: request.event.routeKey,
      status: request.response?.statusCode,
      ms: Date.now() - state.started,
      tenantId: state.caller?.tenantId ?? request.event.pathParameters?.tenantId,
      roles: state.caller?.roles.join(','),
    });
  };
  return {
    before: async (request) => {
      states.set(request.event, { started: Date.now() });
    },
    after: async (request) => done(request),
    onError: async (request) => {
      // errorMapper (registered later) runs first for onError; log what it produced.
      done(request);
    },
  };
}

export function apiHandler<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: RouteSpec<P, Q, B>,
  run: (request: ApiRequest<z.output<P>, z.output<Q>, z.output<B>>) => Promise<ApiResult>,
): Handler & { access: Access } {
  const core = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const rawParams = event.pathParameters ?? {};
    const caller = await authenticate(event, spec.access, rawParams.tenantId);
    // Every change anyone may ask for without signing in is counted per client (issue 14 §4).
    if ('public' in spec.access && !['GET', 'HEAD', 'OPTIONS'].includes(event.requestContext.http.method)) await enforce('public-post', clientOf(event));
    const state = states.get(event);
    if (state) state.caller = caller;
    const params = parseWith(spec.params, rawParams, 'address');
    const query = parseWith(spec.query, event.queryStringParameters ?? {}, 'query');
    const rawBody = readBody(event);
    const body = parseWith(spec.body, rawBody, 'information you gave');
    const execute = async (): Promise<StoredResponse> => {
      const result = await run({ params, query, body, caller, event });
      const response = json(result.status ?? 200, result.body, result.headers);
      return { statusCode: response.statusCode ?? 200, body: String(response.body ?? ''), headers: response.headers as Record<string, string> };
    };
    const key = lowerHeaders(event.headers)['idempotency-key'];
    if (spec.idempotent && key) {
      return withIdempotency(
        {
          tenantId: rawParams.tenantId ?? 'global',
          caller: caller?.sub ?? 'public',
          key,
          requestHash: hashRequest([event.routeKey, rawParams, rawBody]),
        },
        execute,
      );
    }
    return execute();
  };
  // middy runs onError middlewares in reverse order of use(): errorMapper first, then the access log.
  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(accessLog())
    .use(errorMapper())
    .handler(core) as unknown as Handler;
  // Who may call it, readable by the route table's checks (the authorisation matrix test).
  return Object.assign(handler, { access: spec.access });
}
