import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { DomainError, notFound } from '@pv/shared/errors';
import { bearerToken, verifyIdToken } from '../platform/auth.ts';
import { problem, type Handler } from '../platform/http.ts';
import { routes, type RouteDefinition } from '../routes.ts';

/**
 * The local stand-in for API Gateway's HTTP API: it matches the same routes (routes.ts), applies the
 * same JWT authoriser rule to non-public routes, turns each HTTP request into an API Gateway v2 event
 * and calls the very handler that runs in Lambda.
 */
interface CompiledRoute extends RouteDefinition {
  pattern: RegExp;
  names: string[];
  load: () => Promise<Handler>;
}

const MAX_BODY_BYTES = 1024 * 1024;

export function compileRoutes(list: RouteDefinition[] = routes): CompiledRoute[] {
  return list.map((route) => {
    const names: string[] = [];
    const source = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    let cached: Promise<Handler> | undefined;
    return {
      ...route,
      pattern: new RegExp(`^${source}$`),
      names,
      load: () => (cached ??= import(`../${route.handler}`).then((m: { handler: Handler }) => m.handler)),
    };
  });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new DomainError('too-large', 'This request is too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  res.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  res.end(result.isBase64Encoded ? Buffer.from(String(result.body ?? ''), 'base64') : (result.body ?? ''));
}

export function toEvent(req: IncomingMessage, url: URL, body: Buffer, route: CompiledRoute, pathParameters: Record<string, string>): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const now = new Date();
  const routeKey = `${route.method} ${route.path}`;
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: { method: route.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? body.toString('utf8') : undefined,
    isBase64Encoded: false,
  } as APIGatewayProxyEventV2;
}

function lambdaContext(requestId: string): Context {
  const deadline = Date.now() + 10_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'local',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:local',
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export async function handle(compiled: CompiledRoute[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  try {
    const method = (req.method ?? 'GET').toUpperCase();
    let pathMatched = false;
    for (const route of compiled) {
      const match = route.pattern.exec(url.pathname);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)]));
      // Like the HTTP API's JWT authoriser: no valid token, no handler.
      if (!route.public) {
        const token = bearerToken(req.headers as Record<string, string>);
        if (!token) throw new DomainError('unauthenticated', 'Sign in to do this.');
        await verifyIdToken(token);
      }
      const body = await readBody(req);
      const event = toEvent(req, url, body, route, params);
      const handler = await route.load();
      send(res, await handler(event, lambdaContext(event.requestContext.requestId)));
      return;
    }
    throw notFound(pathMatched ? 'This address does not accept that method.' : 'There is nothing at this address.');
  } catch (error) {
    const domain = error instanceof DomainError ? error : new DomainError('internal', 'Something went wrong on our side.');
    if (!(error instanceof DomainError)) process.stderr.write(`local API error: ${(error as Error).stack}\n`);
    send(res, problem(domain));
  }
}

export async function startApiServer(port: number): Promise<{ url: string; server: Server }> {
  const compiled = compileRoutes();
  const server = createServer((req, res) => void handle(compiled, req, res));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://localhost:${port}`, server };
}
