import { describe, expect, it } from 'vitest';
import type { Role } from '@pv/shared/auth.schema';
import { routes } from '../../functions/src/routes.ts';
import { getConfig, updateTenantSettings } from '../../functions/src/tenants/tenants.service.ts';
import { joiner, linkToken, mailTo, officerCaller, testPanel } from '../support/panels.ts';
import { api, freshTenant, signedInUser, type TestUser } from '../support/tenants.ts';

/**
 * Issue 14 §7: the authorisation matrix, as a permanent test. Every route in routes.ts is called by
 * every kind of caller — no one, a panel member (their session), a partner, an officer, an admin, and
 * an officer and an admin of another partnership — and the status must be the one this table
 * expects. A route added to routes.ts without a line here fails the test, as does a line for a route
 * that has gone; and each handler's own `access` must say what this table says, so `public: true` in
 * routes.ts (no authoriser in API Gateway) can never sit on a handler that expects staff.
 *
 * Bodies are empty and ids made up (the tenant is real): authorisation is decided before anything is
 * read or validated, so an allowed caller gets a 2xx or a 4xx about the request, never 401/403.
 */
type Expect =
  /** Anyone: never 401 or 403. */
  | 'public'
  /** A panel member's own data: their session header, nothing else (staff tokens don't count). */
  | 'member'
  /** A survey draft: the draft's own token, nothing else. */
  | 'draft'
  /** A staff session: its id (the web's cookie), nothing else — an ID token is not a session. */
  | 'staff-session'
  /** Staff of the tenant in the path, and only the partnership's named safeguarding contact. */
  | 'safeguarding-contact'
  /** Signed-in staff with one of these roles, of the tenant in the path. */
  | Role[];

const expected: Record<string, Expect> = {
  'GET /tenants': 'public',
  'GET /tenants/{tenantId}': 'public',
  'PUT /tenants/{tenantId}': ['admin'],
  'GET /tenants/{tenantId}/config': ['admin', 'officer', 'partner'],
  'POST /tenants/{tenantId}/config/{kind}': ['admin'],
  'PUT /tenants/{tenantId}/config/{kind}/{id}': ['admin'],
  'POST /tenants/{tenantId}/config/{kind}/{id}/move': ['admin'],
  'POST /tenants/{tenantId}/config/{kind}/{id}/status': ['admin'],
  'DELETE /tenants/{tenantId}/config/{kind}/{id}': ['admin'],
  'GET /tenants/{tenantId}/audit': ['admin'],
  'GET /me': ['admin', 'officer', 'partner', 'parent'],
  'POST /staff/sessions': 'public',
  'GET /staff/session': 'staff-session',
  'DELETE /staff/session': 'staff-session',
  'GET /tenants/{tenantId}/public/panels': 'public',
  'GET /tenants/{tenantId}/public/panels/{panelId}': 'public',
  'POST /tenants/{tenantId}/public/panels/{panelId}/join': 'public',
  'POST /tenants/{tenantId}/membership/confirm': 'public',
  'POST /tenants/{tenantId}/membership/sign-in-link': 'public',
  'POST /tenants/{tenantId}/membership/use-link': 'public',
  'GET /tenants/{tenantId}/me': 'member',
  'PUT /tenants/{tenantId}/me': 'member',
  'GET /tenants/{tenantId}/me/profile': 'member',
  'PUT /tenants/{tenantId}/me/profile': 'member',
  'DELETE /tenants/{tenantId}/me/profile': 'member',
  'GET /tenants/{tenantId}/me/data': 'member',
  'POST /tenants/{tenantId}/me/leave': 'member',
  'POST /tenants/{tenantId}/me/erase': 'member',
  'POST /tenants/{tenantId}/me/sign-out': 'member',
  'PUT /tenants/{tenantId}/me/meetings/{meetingId}/reply': 'member',
  'GET /tenants/{tenantId}/panels': ['officer', 'admin'],
  'POST /tenants/{tenantId}/panels': ['officer', 'admin'],
  'GET /tenants/{tenantId}/panels/{panelId}': ['officer', 'admin'],
  'PUT /tenants/{tenantId}/panels/{panelId}': ['officer', 'admin'],
  'GET /tenants/{tenantId}/panels/{panelId}/members': ['officer', 'admin'],
  'POST /tenants/{tenantId}/panels/{panelId}/members': ['officer', 'admin'],
  'POST /tenants/{tenantId}/panels/{panelId}/members-export': ['officer', 'admin'],
  'GET /tenants/{tenantId}/panels/{panelId}/members/{memberId}': ['officer', 'admin'],
  'POST /tenants/{tenantId}/panels/{panelId}/members/{memberId}/confirm': ['officer', 'admin'],
  'GET /tenants/{tenantId}/panels/{panelId}/meetings': ['officer', 'admin'],
  'POST /tenants/{tenantId}/panels/{panelId}/meetings': ['officer', 'admin'],
  'GET /tenants/{tenantId}/panels/{panelId}/meetings/{meetingId}': ['officer', 'admin'],
  'POST /tenants/{tenantId}/panels/{panelId}/meetings/{meetingId}/invitations': ['officer', 'admin'],
  'PUT /tenants/{tenantId}/panels/{panelId}/meetings/{meetingId}/attendance': ['officer', 'admin'],
  'GET /tenants/{tenantId}/panels/{panelId}/participation': ['officer', 'admin'],
  'GET /tenants/{tenantId}/representation': ['officer', 'admin', 'partner'],
  'GET /tenants/{tenantId}/insight/overview': ['officer', 'admin', 'partner'],
  'GET /tenants/{tenantId}/insight/heatmap': ['officer', 'admin', 'partner'],
  'GET /tenants/{tenantId}/insight/voice': ['officer', 'admin', 'partner'],
  'GET /tenants/{tenantId}/insight/themes': ['officer', 'admin', 'partner'],
  'GET /tenants/{tenantId}/insight/themes/{themeId}': ['officer', 'admin', 'partner'],
  'GET /tenants/{tenantId}/insight/trends': ['officer', 'admin', 'partner'],
  'POST /tenants/{tenantId}/insight/rebuild': ['admin'],
  'POST /tenants/{tenantId}/representation/recount': ['admin'],
  'GET /tenants/{tenantId}/public/surveys': 'public',
  'GET /tenants/{tenantId}/public/surveys/{surveyId}': 'public',
  'POST /tenants/{tenantId}/public/surveys/{surveyId}/drafts': 'public',
  'GET /tenants/{tenantId}/public/surveys/{surveyId}/draft': 'draft',
  'PUT /tenants/{tenantId}/public/surveys/{surveyId}/draft/sections/{sectionId}': 'draft',
  'POST /tenants/{tenantId}/public/surveys/{surveyId}/draft/resume-link': 'draft',
  'POST /tenants/{tenantId}/public/surveys/{surveyId}/draft/submit': 'draft',
  'GET /tenants/{tenantId}/surveys': ['officer', 'admin'],
  'POST /tenants/{tenantId}/surveys': ['officer', 'admin'],
  'GET /tenants/{tenantId}/surveys/{surveyId}': ['officer', 'admin'],
  'PUT /tenants/{tenantId}/surveys/{surveyId}': ['officer', 'admin'],
  'POST /tenants/{tenantId}/surveys/{surveyId}/publish': ['officer', 'admin'],
  'POST /tenants/{tenantId}/surveys/{surveyId}/close': ['officer', 'admin'],
  'POST /tenants/{tenantId}/surveys/{surveyId}/invitations': ['officer', 'admin'],
  'GET /tenants/{tenantId}/surveys/{surveyId}/invitations': ['officer', 'admin'],
  'GET /tenants/{tenantId}/surveys/{surveyId}/results': ['officer', 'admin'],
  'GET /tenants/{tenantId}/surveys/{surveyId}/questions/{questionId}/answers': ['officer', 'admin'],
  'POST /tenants/{tenantId}/surveys/{surveyId}/responses-export': ['officer', 'admin'],
  'POST /tenants/{tenantId}/surveys/{surveyId}/entries': ['officer', 'admin'],
  'GET /tenants/{tenantId}/surveys/{surveyId}/entry': ['officer', 'admin'],
  'PUT /tenants/{tenantId}/surveys/{surveyId}/entry/sections/{sectionId}': ['officer', 'admin'],
  'POST /tenants/{tenantId}/surveys/{surveyId}/entry/submit': ['officer', 'admin'],
  'GET /tenants/{tenantId}/consultations': ['officer', 'admin'],
  'POST /tenants/{tenantId}/consultations': ['officer', 'admin'],
  'GET /tenants/{tenantId}/consultations/{consultationId}': ['officer', 'admin'],
  'PUT /tenants/{tenantId}/consultations/{consultationId}': ['officer', 'admin'],
  'POST /tenants/{tenantId}/consultations/{consultationId}/stage': ['officer', 'admin'],
  'POST /tenants/{tenantId}/consultations/{consultationId}/conversations': ['officer', 'admin'],
  'GET /tenants/{tenantId}/public/consultations': 'public',
  'GET /tenants/{tenantId}/public/consultations/{consultationId}': 'public',
  'GET /tenants/{tenantId}/feedback': ['officer', 'admin'],
  'POST /tenants/{tenantId}/feedback-bulk': ['officer', 'admin'],
  'GET /tenants/{tenantId}/feedback/{feedbackId}': ['officer', 'admin'],
  'PUT /tenants/{tenantId}/feedback/{feedbackId}/tags': ['officer', 'admin'],
  'POST /tenants/{tenantId}/feedback/{feedbackId}/status': ['officer', 'admin'],
  'POST /tenants/{tenantId}/feedback/{feedbackId}/safeguarding': ['officer', 'admin'],
  'POST /tenants/{tenantId}/feedback/{feedbackId}/erase': ['officer', 'admin'],
  'PUT /tenants/{tenantId}/feedback/{feedbackId}/quote': ['officer', 'admin'],
  'POST /tenants/{tenantId}/feedback/{feedbackId}/quote/approve': ['officer', 'admin'],
  'POST /tenants/{tenantId}/feedback/{feedbackId}/quote/return': ['officer', 'admin'],
  'GET /tenants/{tenantId}/quotes-waiting': ['officer', 'admin'],
  'GET /tenants/{tenantId}/safeguarding': 'safeguarding-contact',
  'POST /tenants/{tenantId}/safeguarding/{feedbackId}/handled': 'safeguarding-contact',
  'GET /tenants/{tenantId}/themes': ['officer', 'admin'],
  'POST /tenants/{tenantId}/themes': ['officer', 'admin'],
  'GET /tenants/{tenantId}/themes/{themeId}': ['officer', 'admin'],
  'PUT /tenants/{tenantId}/themes/{themeId}': ['officer', 'admin'],
  'POST /tenants/{tenantId}/themes/{themeId}/split': ['officer', 'admin'],
  'POST /tenants/{tenantId}/themes/{themeId}/merge': ['officer', 'admin'],
  'GET /tenants/{tenantId}/actions': ['officer', 'admin'],
  'POST /tenants/{tenantId}/actions': ['officer', 'admin'],
  'GET /tenants/{tenantId}/actions/{actionId}': ['officer', 'admin'],
  'PUT /tenants/{tenantId}/actions/{actionId}': ['officer', 'admin'],
  'POST /tenants/{tenantId}/actions/{actionId}/submit': ['officer', 'admin'],
  'POST /tenants/{tenantId}/actions/{actionId}/return': ['officer', 'admin'],
  'POST /tenants/{tenantId}/actions/{actionId}/approve': ['officer', 'admin'],
  'GET /tenants/{tenantId}/public/log': 'public',
  'GET /tenants/{tenantId}/public/log/{actionId}': 'public',
  'POST /tenants/{tenantId}/membership/unsubscribe': 'public',
};

type Who = 'no one' | 'member' | 'other member' | 'partner' | 'officer' | 'admin' | 'contact' | 'other officer' | 'other admin';
const key = (r: { method: string; path: string }) => `${r.method} ${r.path}`;

describe('the authorisation matrix (issue 14 §7)', () => {
  it('has exactly one expectation for each route, and each handler declares the same access', async () => {
    expect(Object.keys(expected).sort()).toEqual(routes.map(key).sort());
    for (const route of routes) {
      const { handler } = (await import(`../../functions/src/${route.handler}`)) as { handler: { access: { public: true } | { roles: readonly Role[] } } };
      const rule = expected[key(route)]!;
      const access = handler.access;
      expect('public' in access, `${key(route)}: routes.ts public vs the handler's access`).toBe(route.public);
      if (Array.isArray(rule)) expect('roles' in access && [...access.roles].sort(), key(route)).toEqual([...rule].sort());
      else if (rule === 'safeguarding-contact') expect('roles' in access && [...access.roles].sort(), key(route)).toEqual(['admin', 'officer']);
      else expect('public' in access, key(route)).toBe(true);
    }
  });

  it('gives every caller the status the table expects, on every route', async () => {
    const [tenant, other] = await Promise.all([freshTenant(), freshTenant()]);
    const [partner, officer, admin, contact, otherOfficer, otherAdmin] = await Promise.all([
      signedInUser(tenant, 'partner'),
      signedInUser(tenant, 'officer'),
      signedInUser(tenant, 'admin'),
      signedInUser(tenant, 'officer'),
      signedInUser(other, 'officer'),
      signedInUser(other, 'admin'),
    ]);
    await updateTenantSettings(officerCaller(tenant), tenant, 1, { ...(await getConfig(tenant)).tenant, safeguardingContact: contact.caller.email });
    const [panel, otherPanel] = await Promise.all([testPanel(tenant), testPanel(other)]);
    /** A member's session from joining and confirming, as a parent does. */
    async function memberSession(tenantId: string, panelId: string): Promise<string> {
      const details = joiner({ hubId: 'mansfield-town', email: `m-${Math.random().toString(36).slice(2)}@matrix.example` });
      const joined = await api(`/tenants/${tenantId}/public/panels/${panelId}/join`, { method: 'POST', json: details });
      expect(joined.status).toBe(202);
      const [mail] = await mailTo(String(details.email));
      const confirmed = await api(`/tenants/${tenantId}/membership/confirm`, { method: 'POST', json: { token: linkToken(mail!) } });
      return confirmed.body!.session as string;
    }
    const [member, otherMember] = await Promise.all([memberSession(tenant, panel.id), memberSession(other, otherPanel.id)]);
    const staff: Partial<Record<Who, TestUser>> = { partner, officer, admin, contact, 'other officer': otherOfficer, 'other admin': otherAdmin };
    const callers: Who[] = ['no one', 'member', 'other member', 'partner', 'officer', 'admin', 'contact', 'other officer', 'other admin'];
    const ids: Record<string, string> = {
      tenantId: tenant,
      panelId: panel.id,
      memberId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
      meetingId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
      surveyId: 'made-up-survey',
      sectionId: 'about-you',
      questionId: 'better',
      consultationId: 'made-up-consultation',
      feedbackId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
      themeId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
      actionId: '01JAAAAAAAAAAAAAAAAAAAAAAA',
      kind: 'hub',
      id: 'made-up-hub',
    };

    function allowed(rule: Expect, who: Who): boolean {
      if (rule === 'public') return true;
      if (rule === 'member') return who === 'member';
      if (rule === 'draft' || rule === 'staff-session') return false; // no caller here holds a draft token or a session id
      if (rule === 'safeguarding-contact') return who === 'contact';
      const user = staff[who];
      // Another partnership's staff only where the path names no partnership (GET /me).
      return Boolean(user && (!who.startsWith('other') || !route.path.includes('{tenantId}')) && user.caller.roles.some((r) => rule.includes(r)));
    }
    /** Refused: 401/403 — or, for a member's or a draft's own routes, any 4xx (a bad body or "no such draft" may be found first; nothing is read or changed either way). */
    function refusedAs(rule: Expect, status: number): boolean {
      return rule === 'member' || rule === 'draft' || rule === 'staff-session' ? status >= 400 && status < 500 : status === 401 || status === 403;
    }
    /** Bodies good enough that the contact check, not validation, decides. */
    const bodies: Record<string, unknown> = {
      'POST /tenants/{tenantId}/safeguarding/{feedbackId}/handled': { version: 1, note: 'Referred to the MASH' },
    };
    let route = routes[0]!;

    const wrong: string[] = [];
    let calls = 0;
    for (route of routes) {
      const rule = expected[key(route)]!;
      const url = route.path.replace(/\{(\w+)\}/g, (_, n: string) => ids[n]!);
      for (const who of callers) {
        // Leaving, erasing and signing out end a session: those get a fresh one.
        const headers: Record<string, string> = {};
        if (who === 'member') headers['x-member-session'] = /\/me\/(leave|erase|sign-out)$/.test(route.path) ? await memberSession(tenant, panel.id) : member;
        if (who === 'other member') headers['x-member-session'] = otherMember;
        const user = staff[who];
        const res = await api(url, {
          method: route.method,
          headers,
          ...(user ? { token: user.token } : {}),
          ...(route.method === 'POST' || route.method === 'PUT' ? { json: bodies[key(route)] ?? {} } : {}),
        });
        calls++;
        const ok = res.status < 500 && (allowed(rule, who) ? res.status !== 401 && res.status !== 403 : refusedAs(rule, res.status));
        if (!ok) wrong.push(`${key(route)} as ${who}: ${res.status} (${JSON.stringify(rule)})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(calls).toBe(routes.length * callers.length);
    console.log(`authorisation matrix: ${routes.length} routes × ${callers.length} callers = ${calls} requests`);
  }, 600_000);
});
