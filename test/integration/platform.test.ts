import { describe, expect, it, inject } from 'vitest';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handler as createConfigItem } from '../../functions/src/tenants/create-config-item.handler.ts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { enqueue, markSent, newOutboxMessage, release } from '../../functions/src/outbox/outbox.repository.ts';
import { db, tableName } from '../../functions/src/platform/dynamodb.ts';
import { listMail } from '../../functions/src/local/mail-catcher.ts';
import { resetConfig } from '../../functions/src/platform/config.ts';
import { api, freshTenant, signedInUser } from '../support/tenants.ts';

function event(path: string, tenantId: string, token: string, body: unknown): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'POST /tenants/{tenantId}/config/{kind}',
    rawPath: path,
    rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    pathParameters: { tenantId, kind: 'priorities' },
    requestContext: { requestId: 'test-request', http: { method: 'POST', path } },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
}

describe('the API platform', () => {
  it('writes structured logs without the personal data in the request', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    process.env.LOG_LEVEL = 'debug';
    resetConfig();
    (process.stdout as { write: unknown }).write = (chunk: string) => (lines.push(String(chunk)), true);
    (process.stderr as { write: unknown }).write = (chunk: string) => (lines.push(String(chunk)), true);
    try {
      const res = await createConfigItem(
        event(`/tenants/${tenant}/config/priorities`, tenant, admin.token, { name: 'Call Jo on 07700 900123 or jo@example.com' }),
        { awsRequestId: 'x' } as Context,
      );
      expect(res.statusCode).toBe(201);
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
      process.env.LOG_LEVEL = 'warn';
      resetConfig();
    }
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(entries.some((e) => e.message === 'request' && e.status === 201 && e.tenantId === tenant)).toBe(true);
    const all = lines.join('\n');
    expect(all).not.toContain(admin.caller.email);
    expect(all).not.toContain('07700');
    expect(all).not.toContain('jo@example.com');
  });

  it('answers problems as application/problem+json with the right status', async () => {
    const tenant = await freshTenant();
    const admin = await signedInUser(tenant, 'admin');
    const notFound = await api(`/tenants/${tenant}/config/priorities/no-such-thing`, { method: 'PUT', token: admin.token, json: { name: 'A name', version: 1 } });
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get('content-type')).toContain('application/problem+json');
    const badKind = await api(`/tenants/${tenant}/config/widgets`, { method: 'POST', token: admin.token, json: {} });
    expect(badKind.status).toBe(400);
    expect(badKind.body!.errors.kind).toBe('There is no such kind of configuration');
    const tooLarge = await api(`/tenants/${tenant}/config/priorities`, {
      method: 'POST',
      token: admin.token,
      json: { name: 'Big', summary: 'x'.repeat(200 * 1024) },
    });
    expect(tooLarge.status).toBe(413);
    const notJson = await api(`/tenants/${tenant}/config/priorities`, {
      method: 'POST',
      token: admin.token,
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body!.title).toBe('The request body is not valid JSON.');
  });

  it('sets security headers on every response', async () => {
    const res = await api('/tenants');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('lets a partner read the configuration but not change it', async () => {
    const tenant = await freshTenant();
    const partner = await signedInUser(tenant, 'partner');
    expect((await api(`/tenants/${tenant}/config`, { token: partner.token })).status).toBe(200);
    const write = await api(`/tenants/${tenant}/config/priorities`, { method: 'POST', token: partner.token, json: { name: 'Not allowed' } });
    expect(write.status).toBe(403);
    expect((await api(`/tenants/${tenant}/audit`, { token: partner.token })).status).toBe(403);
  });

  it('shows the public page of a partnership without signing in, and 404 for one that does not exist', async () => {
    const tenant = await freshTenant();
    const page = await api(`/tenants/${tenant}`);
    expect(page.status).toBe(200);
    expect(page.body!.priorities).toHaveLength(5);
    expect(page.body!.hubNetworks).toHaveLength(7);
    expect(JSON.stringify(page.body)).not.toContain('refCount');
    expect((await api('/tenants/no-such-partnership')).status).toBe(404);
  });
});

describe('the outbox', () => {
  it('delivers a queued email to the mail catcher exactly once, through the table stream', async () => {
    const tenant = await freshTenant();
    const to = `outbox-${tenant}@test.example`;
    await enqueue(newOutboxMessage(tenant, { to, subject: 'Welcome to the panel', text: 'Thank you for joining.', template: 'test' }));
    const inbox = inject('env').mailInbox;
    let mine: Awaited<ReturnType<typeof listMail>> = [];
    for (let i = 0; i < 50 && mine.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 200));
      mine = (await listMail(inbox)).filter((m) => m.to.some((t) => t.address === to));
    }
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe('Welcome to the panel');
    // Give a duplicate delivery time to show up, if there were one.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await listMail(inbox)).filter((m) => m.to.some((t) => t.address === to))).toHaveLength(1);
  });

  it('does not bring back a message erased while it was being sent (as a stub with no text)', async () => {
    const tenant = await freshTenant();
    // A message whose person was erased (or the retention job took it) after the sender claimed it.
    const gone = newOutboxMessage(tenant, { to: 'x@test.example', subject: 's', text: 't', template: 'test' });
    await markSent(tenant, gone.id, 'provider-id', 90);
    await release(tenant, gone.id);
    const item = await db().send(new GetCommand({ TableName: tableName(), Key: { PK: `TENANT#${tenant}#OUTBOX#${gone.id}`, SK: 'OUTBOX' }, ConsistentRead: true }));
    expect(item.Item).toBeUndefined();
  });
});
