import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@pv/shared/errors';
import { sessionHash } from '../../../functions/src/staff/staff-sessions.keys.ts';
import { getSession, touchSession } from '../../../functions/src/staff/staff-sessions.repository.ts';
import { currentSession, startSession } from '../../../functions/src/staff/staff-sessions.service.ts';
import { getConfig, updateTenantSettings } from '../../../functions/src/tenants/tenants.service.ts';
import { officerCaller } from '../../support/panels.ts';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

/**
 * Issue 14 §2: staff sessions that end. The session id is the only thing the browser holds; the
 * tokens stay in the table; sign-out, the idle limit and the 12-hour limit each end it for good.
 */
const PASSWORD = 'Test-password-2026';
const JWT = /eyJ[\w-]+\.[\w-]+\./;
const minutes = (n: number) => n * 60_000;
const ended = (promise: Promise<unknown>) => expect(promise).rejects.toMatchObject({ kind: 'unauthenticated' } satisfies Partial<DomainError>);

describe('staff sessions', () => {
  it('signs in to an opaque session, gives the web the ID token, and ends for good at sign-out', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const wrong = await api('/staff/sessions', { method: 'POST', json: { email: officer.caller.email, password: 'Wrong-password-1' } });
    const stranger = await api('/staff/sessions', { method: 'POST', json: { email: 'nobody@nowhere.example', password: 'Wrong-password-1' } });
    expect([wrong.status, stranger.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(stranger.body);
    expect(wrong.body!.code).toBe('wrong-credentials');

    const started = await api('/staff/sessions', { method: 'POST', json: { email: officer.caller.email, password: PASSWORD } });
    expect(started.status).toBe(201);
    expect(JSON.stringify(started.body)).not.toMatch(JWT);
    const id = started.body!.session as string;
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(started.body!.caller).toMatchObject({ email: officer.caller.email, tenantId: tenant, roles: ['officer'] });

    // The table holds a hash of the id, never the id itself.
    const stored = await getSession(id);
    expect(stored).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(id);
    expect(sessionHash(id)).not.toBe(id);

    const current = await api('/staff/session', { headers: { 'x-staff-session': id } });
    expect(current.status).toBe(200);
    expect(current.headers.get('cache-control')).toBe('no-store');
    const me = await api('/me', { token: current.body!.idToken });
    expect(me.body).toMatchObject({ email: officer.caller.email });

    expect((await api('/staff/session', { method: 'DELETE', headers: { 'x-staff-session': id } })).status).toBe(204);
    expect((await api('/staff/session', { headers: { 'x-staff-session': id } })).status).toBe(401);
    expect(await getSession(id)).toBeUndefined();
    // Signing out twice, or with a made-up or malformed id, changes nothing and says the session has ended.
    expect((await api('/staff/session', { method: 'DELETE', headers: { 'x-staff-session': id } })).status).toBe(204);
    for (const bad of [randomBytes(32).toString('base64url'), 'short', `${id}x`, '']) {
      expect((await api('/staff/session', { headers: { 'x-staff-session': bad } })).status, bad).toBe(401);
    }
    expect((await api('/staff/session')).status).toBe(401);
    // An ID token is not a session.
    expect((await api('/staff/session', { token: officer.token })).status).toBe(401);
  });

  it('ends after the partnership’s idle time (30 minutes unless an admin changes it, 15–120)', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const t0 = new Date();
    const { session } = await startSession(officer.caller.email, PASSWORD, t0);
    await currentSession(session, new Date(t0.getTime() + minutes(29)));
    // Seen at 29 minutes: alive at 58, ended at 60 (30 minutes after it was last seen).
    await currentSession(session, new Date(t0.getTime() + minutes(58)));
    await ended(currentSession(session, new Date(t0.getTime() + minutes(89))));
    expect(await getSession(session)).toBeUndefined();

    const tenantNow = (await getConfig(tenant)).tenant;
    await updateTenantSettings(officerCaller(tenant), tenant, tenantNow.version, { ...tenantNow, staffIdleMinutes: 90 });
    const longer = await startSession(officer.caller.email, PASSWORD, t0);
    await currentSession(longer.session, new Date(t0.getTime() + minutes(89)));
    await ended(currentSession(longer.session, new Date(t0.getTime() + minutes(89 + 91))));

    // Out of range settings are refused and change nothing.
    const admin = await signedInUser(tenant, 'admin');
    const before = (await getConfig(tenant)).tenant;
    for (const staffIdleMinutes of [14, 121, 'soon']) {
      const res = await api(`/tenants/${tenant}`, { method: 'PUT', token: admin.token, json: { ...before, staffIdleMinutes } });
      expect(res.status).toBe(400);
      expect(res.body!.errors.staffIdleMinutes).toMatch(/15|120|minutes/);
    }
    expect((await getConfig(tenant)).tenant.staffIdleMinutes).toBe(90);
  });

  it('ends 12 hours after signing in however busy, and refreshes the ID token server-side while it lives', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const t0 = new Date();
    const { session } = await startSession(officer.caller.email, PASSWORD, t0);
    // Busy all day: a request every 20 minutes.
    let at = t0.getTime();
    for (; at + minutes(20) < t0.getTime() + minutes(12 * 60); at += minutes(20)) await touchSession(session, Math.floor(at / 1000));
    await currentSession(session, new Date(at));
    await ended(currentSession(session, new Date(t0.getTime() + minutes(12 * 60))));

    // A token about to run out is refreshed, and the new one works.
    const other = await startSession(officer.caller.email, PASSWORD, t0);
    const stored = (await getSession(other.session))!;
    await touchSession(other.session, stored.lastSeenAt, { idToken: stored.idToken, accessToken: stored.accessToken, idTokenExpiresAt: Math.floor(Date.now() / 1000) });
    const fresh = await currentSession(other.session);
    expect(fresh.idTokenExpiresAt).toBeGreaterThan(Math.floor(Date.now() / 1000) + 60);
    expect((await api('/me', { token: fresh.idToken })).status).toBe(200);
  });

  it('does not open a session for an account that is not staff', async () => {
    const tenant = await freshTenant();
    const parent = await signedInUser(tenant, 'parent');
    const res = await api('/staff/sessions', { method: 'POST', json: { email: parent.caller.email, password: PASSWORD } });
    expect(res.status).toBe(403);
    expect(res.body!.code).toBe('not-staff');
  });
});
