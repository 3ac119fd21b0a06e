import type { Caller } from '@pv/shared/auth.schema';
import {
  kindSegments,
  type AuditEntry,
  type ConfigInput,
  type ConfigItem,
  type ConfigKind,
  type ConfigStatus,
  type Page,
  type PublicTenant,
  type Tenant,
  type TenantConfig,
} from '@pv/shared/config.schema';
import { isProblem, type FieldErrors, type Problem } from '@pv/shared/errors';
import { webEnv } from './env';
import type { Session } from './session';

/**
 * The one place the web talks to the API: JSON over fetch, the session's ID token as the bearer
 * token, and every non-2xx answer turned into an ApiError that carries the API's problem+json.
 */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
  }
  get status(): number {
    return this.problem.status;
  }
  /** Field path (e.g. "name", "rule.conditions.0.values") → message. */
  get errors(): FieldErrors {
    return this.problem.errors ?? {};
  }
  /** On a 409 from a stale edit: the item as it is now stored. */
  get current(): unknown {
    return this.problem.current;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Sent as Idempotency-Key: a retried or double-submitted create makes one item. */
  idempotencyKey?: string;
  token?: string;
}

const TIMEOUT_MS = 10_000;

async function problemFrom(response: Response): Promise<Problem> {
  const text = await response.text();
  try {
    const body: unknown = JSON.parse(text);
    if (isProblem(body)) return body;
  } catch {
    // not JSON: describe it by its status below
  }
  return {
    type: 'about:blank',
    title: response.status >= 500 ? 'Something went wrong on our side. Try again later.' : response.statusText || 'The request failed',
    status: response.status,
    kind: response.status === 404 ? 'not-found' : response.status === 403 ? 'forbidden' : response.status === 401 ? 'unauthenticated' : 'unprocessable',
  };
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(webEnv().apiUrl + path);
  for (const [name, value] of Object.entries(options.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

  // A double-submitted create can arrive while the first is still running: the API answers 409 with
  // code "in-progress"; wait and ask again for the first request's result.
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.ok) {
      if (response.status === 204) return undefined as T;
      return (await response.json()) as T;
    }
    const problem = await problemFrom(response);
    const stillRunning = options.idempotencyKey && problem.code === 'in-progress';
    if (stillRunning && attempt < 10) {
      await new Promise((r) => setTimeout(r, 150 * (attempt + 1)));
      continue;
    }
    throw new ApiError(problem);
  }
}

const enc = encodeURIComponent;
const itemPath = (tenantId: string, kind: ConfigKind, id: string) => `/tenants/${enc(tenantId)}/config/${kindSegments[kind]}/${enc(id)}`;

export interface TenantSummary {
  id: string;
  name: string;
}

/** The API as the given session (or the public) sees it. */
export function api(session: Session | null) {
  const call = <T>(path: string, options: RequestOptions = {}) => request<T>(path, { ...options, token: session?.idToken });
  return {
    listTenants: () => call<{ items: TenantSummary[] }>('/tenants'),
    publicTenant: (tenantId: string) => call<PublicTenant>(`/tenants/${enc(tenantId)}`),
    config: (tenantId: string) => call<TenantConfig>(`/tenants/${enc(tenantId)}/config`),
    updateTenantSettings: (tenantId: string, version: number, input: Pick<Tenant, 'name' | 'strategy' | 'about' | 'suppressionThreshold'>) =>
      call<Tenant>(`/tenants/${enc(tenantId)}`, { method: 'PUT', body: { ...input, version } }),
    createConfigItem: <K extends ConfigKind>(tenantId: string, kind: K, input: ConfigInput<K>, idempotencyKey: string) =>
      call<ConfigItem<K>>(`/tenants/${enc(tenantId)}/config/${kindSegments[kind]}`, { method: 'POST', body: input, idempotencyKey }),
    updateConfigItem: <K extends ConfigKind>(tenantId: string, kind: K, id: string, version: number, input: ConfigInput<K>) =>
      call<ConfigItem<K>>(itemPath(tenantId, kind, id), { method: 'PUT', body: { ...input, version } }),
    moveConfigItem: (tenantId: string, kind: ConfigKind, id: string, direction: 'up' | 'down', version: number) =>
      call<ConfigItem>(`${itemPath(tenantId, kind, id)}/move`, { method: 'POST', body: { direction, version } }),
    setConfigStatus: (tenantId: string, kind: ConfigKind, id: string, status: ConfigStatus, version: number) =>
      call<ConfigItem>(`${itemPath(tenantId, kind, id)}/status`, { method: 'POST', body: { status, version } }),
    deleteConfigItem: (tenantId: string, kind: ConfigKind, id: string, version: number) =>
      call<void>(itemPath(tenantId, kind, id), { method: 'DELETE', query: { version } }),
    audit: (tenantId: string, page: { cursor?: string; limit?: number } = {}) =>
      call<Page<AuditEntry>>(`/tenants/${enc(tenantId)}/audit`, { query: page }),
    me: () => call<Caller>('/me'),
  };
}
