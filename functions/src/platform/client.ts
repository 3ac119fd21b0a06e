import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { CLIENT_HEADER, verifyClientAddress } from '@pv/shared/client-address';
import { DomainError } from '@pv/shared/errors';
import { config } from './config.ts';

/**
 * Who is asking, for rate limits: the browser's address as the web server signed it
 * (shared/src/client-address.ts), else the API's own view of the caller (API Gateway's source IP,
 * the local server's socket). A request carrying an `x-pv-client` that is not validly signed, or
 * is stale, is refused: nobody picks their own identity. `X-Forwarded-For` is never read.
 */
export function clientOf(event: APIGatewayProxyEventV2, now = Date.now()): string {
  const value = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === CLIENT_HEADER)?.[1];
  const source = event.requestContext?.http?.sourceIp ?? 'unknown';
  if (value === undefined) return source;
  const address = verifyClientAddress(value.trim(), config().PV_CLIENT_SECRET ?? '', now);
  if (!address) throw new DomainError('invalid', 'The x-pv-client header is not accepted from this caller.');
  return address;
}
