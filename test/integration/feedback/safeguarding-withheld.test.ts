import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { WITHHELD } from '@pv/shared/feedback.schema';
import { routes } from '../../../functions/src/routes.ts';
import { getConfig, updateTenantSettings } from '../../../functions/src/tenants/tenants.service.ts';
import { officerCaller, tenantItems, testPanel } from '../../support/panels.ts';
import { answerYes, publishedSurvey, saveSection, startDraft, submitDraft } from '../../support/surveys.ts';
import { api, freshTenant, signedInUser, type TestUser } from '../../support/tenants.ts';

/**
 * Issue 14 §1, as an attacker who is another member of staff: once a comment is flagged as a
 * safeguarding concern, its words are for the safeguarding contact alone. A flagged conversation and
 * a flagged survey answer each carry a unique marker; every readable route in routes.ts is called
 * as every kind of caller, and the markers must appear nowhere but on the contact's own list. Their
 * unflagged twins prove the walk really reaches the data.
 */
const day = new Date().toISOString().slice(0, 10);

describe('a safeguarding disclosure is withheld everywhere', () => {
  it('shows the words to the safeguarding contact only, on every route, in every export', async () => {
    const tenant = await freshTenant();
    const [officer, secondOfficer, contact, admin, partner] = await Promise.all([
      signedInUser(tenant, 'officer'),
      signedInUser(tenant, 'officer'),
      signedInUser(tenant, 'officer'),
      signedInUser(tenant, 'admin'),
      signedInUser(tenant, 'partner'),
    ]);
    await updateTenantSettings(officerCaller(tenant), tenant, 1, { ...(await getConfig(tenant)).tenant, safeguardingContact: contact.caller.email });
    const run = randomUUID().slice(0, 8);
    const flaggedWords = { conversation: `SGCONV${run} partner shouts, scared to go home`, survey: `SGSURV${run} he hurts me` };
    const twinWords = { conversation: `TWINCONV${run} more groups on Saturdays`, survey: `TWINSURV${run} more evening sessions` };
    const markers = [`SGCONV${run}`, `SGSURV${run}`];
    const twins = [`TWINCONV${run}`, `TWINSURV${run}`];

    // A consultation with two logged conversations.
    const created = await api(`/tenants/${tenant}/consultations`, {
      method: 'POST',
      token: officer.token,
      json: {
        title: 'Feeling safe at home',
        summary: 'What would help families feel safe and supported at home.',
        whyAsking: 'Parents asked for it.',
        canChange: 'What support we offer.',
        cannotChange: 'The law.',
        priorityIds: ['parents-mental-health'],
        networkIds: ['mansfield'],
        opensOn: day,
        closesOn: new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10),
      },
    });
    const consultationId = created.body!.id as string;
    await api(`/tenants/${tenant}/consultations/${consultationId}/stage`, { method: 'POST', token: officer.token, json: { stage: 'open', version: 1 } });
    const log = (said: string) =>
      api(`/tenants/${tenant}/consultations/${consultationId}/conversations`, {
        method: 'POST',
        token: officer.token,
        json: { said, where: 'Stay and play', hubId: 'mansfield-town', channel: 'stay-and-play', heldOn: day, people: 1 },
      });
    const flaggedConversation = await log(flaggedWords.conversation);
    expect(flaggedConversation.status).toBe(201);
    await log(twinWords.conversation);

    // A survey with two answers in its free-text question.
    const survey = await publishedSurvey(tenant, officer.token);
    for (const words of [flaggedWords.survey, twinWords.survey]) {
      const draft = await startDraft(tenant, survey.id);
      await answerYes(tenant, survey.id, draft, words);
      await saveSection(tenant, survey.id, draft, 'equality', {});
      expect((await submitDraft(tenant, survey.id, draft)).status).toBe(200);
    }

    // Flag both disclosures.
    const comments = (await tenantItems(tenant)).filter((i) => i.type === 'feedback');
    const idOf = (words: string) => comments.find((c) => c.text === words)!.id as string;
    for (const words of [flaggedWords.conversation, flaggedWords.survey]) {
      const flagged = await api(`/tenants/${tenant}/feedback/${idOf(words)}/safeguarding`, { method: 'POST', token: officer.token, json: { version: 1, reason: 'A disclosure' } });
      expect(flagged.status, JSON.stringify(flagged.body)).toBe(204);
    }
    const panel = await testPanel(tenant);

    // Every readable route, with every path parameter we hold a real value for.
    const values: Record<string, string> = {
      tenantId: tenant,
      consultationId,
      surveyId: survey.id,
      feedbackId: idOf(twinWords.conversation),
      questionId: 'better',
      panelId: panel.id,
    };
    const readable = routes.filter((r) => r.method === 'GET' || r.path.endsWith('-export'));
    const urls: { method: string; url: string; path: string }[] = [];
    const skipped: string[] = [];
    for (const r of readable) {
      const names = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      if (names.some((n) => !(n in values))) {
        skipped.push(r.path);
        continue;
      }
      urls.push({ method: r.method, path: r.path, url: r.path.replace(/\{(\w+)\}/g, (_, n: string) => values[n]!) });
    }
    // Lists with their filters and searches, where a marker could leak through a search or a tab.
    for (const query of ['?status=new', '?status=reviewed', '?status=not-relevant', `?status=new&q=SGCONV${run}`, `?status=new&q=SGSURV${run}`, `?q=scared`]) {
      urls.push({ method: 'GET', path: '/tenants/{tenantId}/feedback', url: `/tenants/${tenant}/feedback${query}` });
    }
    for (const area of ['overview', 'heatmap', 'voice', 'themes', 'trends']) urls.push({ method: 'GET', path: 'insight', url: `/tenants/${tenant}/insight/${area}` });

    const callers: [string, TestUser | undefined][] = [
      ['no one', undefined],
      ['partner', partner],
      ['the officer who flagged it', officer],
      ['another officer', secondOfficer],
      ['admin', admin],
      ['safeguarding contact', contact],
    ];
    const seenTwins = new Set<string>();
    let calls = 0;
    for (const { method, url, path } of urls) {
      for (const [who, user] of callers) {
        const res = await api(url, { method, ...(user ? { token: user.token } : {}), ...(method === 'POST' ? { json: {} } : {}) });
        calls++;
        const body = JSON.stringify(res.body ?? '');
        for (const twin of twins) if (body.includes(twin)) seenTwins.add(twin);
        const mayRead = who === 'safeguarding contact' && path === '/tenants/{tenantId}/safeguarding';
        for (const marker of markers) {
          expect(body.includes(marker), `${marker} in ${method} ${url} as ${who}`).toBe(mayRead);
        }
      }
    }
    expect([...seenTwins].sort()).toEqual([...twins].sort());
    expect(calls).toBeGreaterThan(150);

    // Where the words were: the withheld wording instead.
    const detail = await api(`/tenants/${tenant}/consultations/${consultationId}`, { token: secondOfficer.token });
    const withheld = detail.body!.conversations.find((c: { id: string }) => c.id === flaggedConversation.body!.id);
    expect(withheld).toMatchObject({ said: WITHHELD, withheld: true });
    const exported = await api(`/tenants/${tenant}/surveys/${survey.id}/responses-export`, { method: 'POST', token: admin.token, json: {} });
    expect(exported.body!.items.map((r: { answers: Record<string, unknown> }) => r.answers.better).sort()).toEqual([twinWords.survey, WITHHELD].sort());
    // And not in the table, except on the flagged comment itself.
    const holding = (await tenantItems(tenant)).filter((i) => markers.some((m) => JSON.stringify(i).includes(m)));
    expect(holding.map((i) => [i.type, i.status])).toEqual([
      ['feedback', 'safeguarding'],
      ['feedback', 'safeguarding'],
    ]);
    console.log(`safeguarding walk: ${urls.length} URLs × ${callers.length} callers = ${calls} calls; routes skipped for want of an id: ${skipped.length}`);
  }, 240_000);
});
