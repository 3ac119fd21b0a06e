import { timingSafeEqual } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Server as KitServer, SSRManifest } from '@sveltejs/kit';
// @ts-ignore -- written by `vite build` (adapter-node's output); it has no type declarations.
import { Server } from '../build/server/index.js';
// @ts-ignore -- as above.
import { manifest } from '../build/server/manifest.js';

/**
 * AWS Lambda entry for the server-rendered web (a Lambda Function URL behind CloudFront; static
 * assets come from S3). Turns the Function URL event (API Gateway v2 payload) into a Request, lets
 * SvelteKit answer it, and turns the Response back. ORIGIN must be the public address (CloudFront),
 * because the Function URL's own host is not what the browser sees (and SvelteKit's CSRF check compares them).
 */
const server: KitServer = new (Server as typeof KitServer)(manifest as SSRManifest);
const ready = server.init({ env: process.env as Record<string, string> });

const TEXT = /^(text\/|application\/(json|javascript|xml|problem\+json|[\w.+-]+\+(json|xml))|image\/svg\+xml)/;

function toRequest(event: APIGatewayProxyEventV2): Request {
  const origin = process.env.ORIGIN ?? `https://${event.headers['x-forwarded-host'] ?? event.requestContext.domainName}`;
  const url = `${origin}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers)) if (value !== undefined) headers.set(name, value);
  // Function URLs pass cookies apart from the other headers.
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const method = event.requestContext.http.method;
  const body = method === 'GET' || method === 'HEAD' || !event.body ? undefined : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
  return new Request(url, { method, headers, body });
}

async function toResult(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = TEXT.test(response.headers.get('content-type') ?? 'text/plain');
  return {
    statusCode: response.status,
    headers,
    cookies: response.headers.getSetCookie(),
    body: text ? bytes.toString('utf8') : bytes.toString('base64'),
    isBase64Encoded: !text,
  };
}

/**
 * The Function URL has no IAM auth (browsers post plain HTML forms), so only requests that came
 * through CloudFront, which adds a secret header, are answered.
 */
function fromCloudFront(event: APIGatewayProxyEventV2): boolean {
  const name = (process.env.ORIGIN_VERIFY_HEADER ?? 'x-origin-verify').toLowerCase();
  const expected = process.env.ORIGIN_VERIFY_SECRET;
  if (!expected) return false;
  const given = event.headers[name] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  const ok = a.length === b.length && timingSafeEqual(a, b);
  delete event.headers[name];
  return ok;
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  if (!fromCloudFront(event)) {
    return { statusCode: 403, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Forbidden' };
  }
  await ready;
  const response = await server.respond(toRequest(event), {
    // Behind CloudFront the browser's address is x-pv-viewer-address, which the web stack's viewer-request
    // function sets from event.viewer.ip (overwriting whatever the browser sent); the function URL only
    // answers CloudFront (origin header). X-Forwarded-For is never read: the browser writes its first entry.
    getClientAddress: () => event.headers['x-pv-viewer-address']?.trim() || event.requestContext.http.sourceIp,
    platform: { event },
  });
  return toResult(response);
}

