import { describe, expect, it } from 'vitest';
import { listMembers } from '../../../functions/src/panels/panels.repository.ts';
import { addAssistedMember } from '../../../functions/src/panels/panels.service.ts';
import { eraseMe } from '../../../functions/src/panels/membership.service.ts';
import { readCounters } from '../../../functions/src/surveys/surveys.repository.ts';
import { assistedInput, linkToken, mailTo, officerCaller, tenantItems, testPanel } from '../../support/panels.ts';
import { answerYes, branchingSurvey, publishedSurvey, saveSection, startDraft, submitDraft, surveyPath } from '../../support/surveys.ts';
import { api, freshTenant, signedInUser } from '../../support/tenants.ts';

const byType = (items: Record<string, unknown>[], type: string) => items.filter((i) => i.type === type);

describe('building a survey', () => {
  it('refuses a condition that points forward, with the reason, and stores nothing', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const input = branchingSurvey() as { definition: { sections: { questions: Record<string, unknown>[] }[] } };
    input.definition.sections[0]!.questions[1]!.condition = { questionId: 'rating', values: ['5'] };
    const refused = await api(`/tenants/${tenant}/surveys`, { method: 'POST', token: officer.token, json: input });
    expect(refused.status).toBe(400);
    expect(refused.body!.errors['definition.sections.0.questions.1.condition']).toMatch(/comes later \(section 2\)/);
    const unknownTag = branchingSurvey() as typeof input;
    unknownTag.definition.sections[1]!.questions[1]!.priorityIds = ['not-a-priority'];
    const badTag = await api(`/tenants/${tenant}/surveys`, { method: 'POST', token: officer.token, json: unknownTag });
    expect(badTag.body!.errors['definition.sections.1.questions.1.priorityIds']).toMatch(/not one of the partnership’s priorities/);
    expect(byType(await tenantItems(tenant), 'survey')).toHaveLength(0);
  });

  it('keeps a draft away from parents, and refuses to publish an empty section', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const input = branchingSurvey() as { definition: { sections: Record<string, unknown>[] } };
    input.definition.sections.push({ id: 'empty', title: 'Nothing here', questions: [] });
    const created = await api(`/tenants/${tenant}/surveys`, { method: 'POST', token: officer.token, json: input });
    expect((await api(surveyPath(tenant, created.body!.id))).status).toBe(404);
    const publish = await api(`/tenants/${tenant}/surveys/${created.body!.id}/publish`, { method: 'POST', token: officer.token, json: { version: 1 } });
    expect(publish.status).toBe(400);
    expect(publish.body!.errors['definition.sections.4']).toMatch(/has no questions/);
  });

  it('lets a published survey change its wording (a new version) but not lose answered questions', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const survey = await publishedSurvey(tenant, officer.token);
    const token = await startDraft(tenant, survey.id);
    await answerYes(tenant, survey.id, token);
    await submitDraft(tenant, survey.id, token);

    const current = (await api(`/tenants/${tenant}/surveys/${survey.id}`, { token: officer.token })).body!;
    const reworded = structuredClone(current);
    reworded.definition.sections[1].questions[1].label = 'What one thing would make it better?';
    const { id: _id, status: _s, definitionVersion: _d, responseCount: _r, createdAt: _c, updatedAt: _u, publishedAt: _p, effectiveStatus: _e, ...input } = reworded;
    const saved = await api(`/tenants/${tenant}/surveys/${survey.id}`, { method: 'PUT', token: officer.token, json: input });
    expect(saved.status).toBe(200);
    expect(saved.body!.definitionVersion).toBe(2);

    const removed = structuredClone(input);
    removed.version = saved.body!.version;
    removed.definition.sections[1].questions.pop();
    const refused = await api(`/tenants/${tenant}/surveys/${survey.id}`, { method: 'PUT', token: officer.token, json: removed });
    expect(refused.status).toBe(400);
    expect(refused.body!.errors['question.better']).toMatch(/has answers, so it can’t be removed/);
    const stale = await api(`/tenants/${tenant}/surveys/${survey.id}`, { method: 'PUT', token: officer.token, json: { ...input, version: 1 } });
    expect(stale.status).toBe(409);
    const anonymity = await api(`/tenants/${tenant}/surveys/${survey.id}`, { method: 'PUT', token: officer.token, json: { ...input, version: saved.body!.version, anonymous: false } });
    expect(anonymity.body!.errors.anonymous).toMatch(/can’t change/);
  });

  it('keeps partners and other partnerships out', async () => {
    const tenant = await freshTenant();
    const other = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const partner = await signedInUser(tenant, 'partner');
    const stranger = await signedInUser(other, 'officer');
    const survey = await publishedSurvey(tenant, officer.token);
    expect((await api(`/tenants/${tenant}/surveys/${survey.id}/results`, { token: partner.token })).status).toBe(403);
    expect((await api(`/tenants/${tenant}/surveys`, { token: stranger.token })).status).toBe(403);
    expect((await api(`/tenants/${other}/surveys/${survey.id}`, { token: stranger.token })).status).toBe(404);
  });
});

describe('inviting panel members', () => {
  it('sends each member one personal link that opens their one draft, takes one response, and counts the response rate', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const panel = await testPanel(tenant);
    const caller = officerCaller(tenant);
    const emails = [`a-${Date.now()}@test.example`, `b-${Date.now()}@test.example`];
    for (const email of emails) await addAssistedMember(caller, tenant, panel.id, assistedInput({ email, name: 'Alex Parent', hubId: 'forest-town' }));
    await addAssistedMember(caller, tenant, panel.id, assistedInput({ email: '', phone: '07700 900123', preferredChannel: 'phone', name: 'Phone Only' }));
    const survey = await publishedSurvey(tenant, officer.token, { anonymous: false });

    const sent = await api(`/tenants/${tenant}/surveys/${survey.id}/invitations`, { method: 'POST', token: officer.token, json: { scope: 'panel', panelId: panel.id } });
    expect(sent.body).toEqual({ invited: 2, reminded: 0, noEmail: 1, alreadyInvited: 0, alreadyAnswered: 0 });
    const again = await api(`/tenants/${tenant}/surveys/${survey.id}/invitations`, { method: 'POST', token: officer.token, json: { scope: 'all' } });
    expect(again.body).toMatchObject({ invited: 0, alreadyInvited: 2 });

    // The first email is the panel's welcome (assisted joining); the second the invitation.
    const mail = (await mailTo(emails[0]!, 2)).find((m) => m.subject.startsWith('Please tell us'));
    expect(mail!.subject).toBe('Please tell us what you think: Your Family Hub');
    expect(mail!.text).toContain('The link is just for you');
    const link = linkToken(mail!);
    const start = () => api(`${surveyPath(tenant, survey.id)}/drafts`, { method: 'POST', json: { invitation: link } });
    const draft = (await start()).body!.token as string;
    expect((await start()).body!.token).toBe(draft); // the same link opens the same draft
    await answerYes(tenant, survey.id, draft);
    await saveSection(tenant, survey.id, draft, 'equality', {});
    expect((await submitDraft(tenant, survey.id, draft)).body).toEqual({ submitted: true, firstTime: true });
    const used = await start();
    expect(used.status).toBe(409);
    expect(used.body!.title).toMatch(/answered this survey already/);

    const items = await tenantItems(tenant);
    const [response] = byType(items, 'survey-response');
    const [member] = (await listMembers(tenant, panel.id)).filter((m) => m.email === emails[0]);
    expect(response).toMatchObject({ memberId: member!.id, panelId: panel.id, networkId: 'mansfield' });
    expect(byType(items, 'feedback')[0]).toMatchObject({ memberId: member!.id, hubIds: ['mansfield-town', 'forest-town'] });

    // The export gives the answers, never who gave them.
    const exported = await api(`/tenants/${tenant}/surveys/${survey.id}/responses-export`, { method: 'POST', token: officer.token, json: {} });
    expect(exported.body!.items).toHaveLength(1);
    const audit = byType(await tenantItems(tenant), 'audit').find((a) => a.action === 'export' && a.kind === 'survey');
    expect(audit).toMatchObject({ itemId: survey.id, summary: 'Downloaded the responses to ‘Your Family Hub’', actor: { email: officer.caller.email } });
    expect(JSON.stringify(exported.body)).not.toContain(member!.id);
    expect(exported.body!.items[0]).not.toHaveProperty('groups');

    const stats = await api(`/tenants/${tenant}/surveys/${survey.id}/invitations`, { token: officer.token });
    expect(stats.body).toMatchObject({ invited: 2, answered: 1, rate: 50 });
    expect(stats.body!.panels).toEqual([{ panelId: panel.id, panelName: panel.name, invited: 2, answered: 1, rate: 50 }]);

    // Reminders go only to those who have not answered, and not twice in a day.
    const reminders = await api(`/tenants/${tenant}/surveys/${survey.id}/invitations`, { method: 'POST', token: officer.token, json: { scope: 'all', reminder: true } });
    expect(reminders.body).toMatchObject({ reminded: 0, alreadyAnswered: 1 });

    // Erasing the member unlinks their named answer and its Feedback; the answer stays counted.
    await eraseMe({ tenantId: tenant, panelId: panel.id, memberId: member!.id, sessionToken: '' });
    const after = await tenantItems(tenant);
    for (const item of [...byType(after, 'survey-response'), ...byType(after, 'feedback')]) {
      expect(item).not.toHaveProperty('memberId');
      expect(item).not.toHaveProperty('submittedAt');
    }
    expect((await readCounters(tenant, survey.id)).slices.get('ALL')!.get('n')).toBe(1);
  });
});

describe('entering a paper form', () => {
  it('marks the response with the channel and who entered it, and refuses the same sheet twice', async () => {
    const tenant = await freshTenant();
    const officer = await signedInUser(tenant, 'officer');
    const survey = await publishedSurvey(tenant, officer.token);
    const entry = await api(`/tenants/${tenant}/surveys/${survey.id}/entries`, { method: 'POST', token: officer.token, json: { channel: 'paper', hubId: 'worksop', paperRef: 'wk-0042' } });
    expect(entry.status).toBe(201);
    const draft = entry.body!.token as string;
    const entryPath = `/tenants/${tenant}/surveys/${survey.id}/entry`;
    // A parent's public route can't touch a draft an officer is entering.
    expect((await api(`${surveyPath(tenant, survey.id)}/draft`, { headers: { 'x-survey-draft': draft } })).status).toBe(403);
    const save = (section: string, answers: Record<string, unknown>) =>
      api(`${entryPath}/sections/${section}`, { method: 'PUT', token: officer.token, json: { answers }, headers: { 'x-survey-draft': draft } });
    expect((await save('about-you', { 'uses-hub': 'no' })).body).toEqual({ next: 'not-used' });
    await save('not-used', { 'why-not': 'No bus on Sundays' });
    const done = await api(`${entryPath}/submit`, { method: 'POST', token: officer.token, headers: { 'x-survey-draft': draft } });
    expect(done.body).toEqual({ submitted: true, firstTime: true });

    const items = await tenantItems(tenant);
    expect(byType(items, 'survey-response')[0]).toMatchObject({ channel: 'paper', paperRef: 'WK-0042', enteredBy: officer.caller.email, networkId: 'bassetlaw' });
    // Paper responses count towards "digitally excluded" (a channel rule), and Worksop is a low-income area.
    expect(byType(items, 'survey-response')[0]!.groups).toEqual(expect.arrayContaining(['digitally-excluded', 'low-income-area']));
    const counters = await readCounters(tenant, survey.id);
    expect(counters.slices.get('CHANNEL#paper')!.get('n')).toBe(1);

    const twice = await api(`/tenants/${tenant}/surveys/${survey.id}/entries`, { method: 'POST', token: officer.token, json: { channel: 'paper', paperRef: 'WK-0042' } });
    expect(twice.status).toBe(409);
    expect(twice.body!.errors.paperRef).toMatch(/has already been entered/);
  });
});
