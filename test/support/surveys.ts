import type { SurveyInput } from '@pv/shared/survey.schema';
import { signClientAddress } from '@pv/shared/client-address';
import { api } from './tenants.ts';

/**
 * A branching survey like an officer would build: do you use a Family Hub? yes → how was it, what
 * would make it better (tagged to a priority and a hub); no → why not; then the equality block.
 */
export function branchingSurvey(overrides: Partial<SurveyInput> = {}): Record<string, unknown> {
  const closes = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
  return {
    title: 'Your Family Hub',
    introduction: 'Tell us about Family Hubs so we can make them better.',
    privacyNotice: 'Only the engagement team sees your answers. We keep them for two years.',
    closesOn: closes,
    audience: 'both',
    anonymous: true,
    definition: {
      sections: [
        {
          id: 'about-you',
          title: 'About you',
          questions: [
            { id: 'uses-hub', type: 'yes-no', label: 'Have you used a Family Hub?', required: true },
            {
              id: 'services',
              type: 'multiple',
              label: 'Which services have you used?',
              allowOther: true,
              options: [
                { id: 'stay-play', label: 'Stay and play' },
                { id: 'health', label: 'Health visitor clinic' },
                { id: 'feeding', label: 'Infant feeding support' },
              ],
            },
          ],
        },
        {
          id: 'your-visit',
          title: 'Your visit',
          condition: { questionId: 'uses-hub', values: ['yes'] },
          questions: [
            { id: 'rating', type: 'rating', label: 'How was your visit?', lowLabel: 'Very poor', highLabel: 'Very good', required: true },
            {
              id: 'better',
              type: 'long-text',
              label: 'What would make it better?',
              maxLength: 1000,
              priorityIds: ['parents-mental-health'],
              hubIds: ['mansfield-town'],
            },
          ],
        },
        {
          id: 'not-used',
          title: 'Why not',
          condition: { questionId: 'uses-hub', values: ['no'] },
          questions: [{ id: 'why-not', type: 'short-text', label: 'Why have you not used one?', required: true, priorityIds: ['early-experiences-chat-play-read-and-learn'] }],
        },
        { id: 'equality', title: 'About you (optional)', questions: [{ id: 'eq', type: 'equality', label: 'Equality monitoring' }] },
      ],
    },
    ...overrides,
  };
}

export async function publishedSurvey(tenant: string, token: string, overrides: Partial<SurveyInput> = {}) {
  const created = await api(`/tenants/${tenant}/surveys`, { method: 'POST', token, json: branchingSurvey(overrides) });
  if (created.status !== 201) throw new Error(`create: ${JSON.stringify(created.body)}`);
  const published = await api(`/tenants/${tenant}/surveys/${created.body!.id}/publish`, { method: 'POST', token, json: { version: created.body!.version } });
  if (published.status !== 200) throw new Error(`publish: ${JSON.stringify(published.body)}`);
  return published.body as { id: string; version: number; title: string };
}

export function surveyPath(tenant: string, survey: string) {
  return `/tenants/${tenant}/public/surveys/${survey}`;
}

/** Starts a public draft and returns its token. */
/** The x-pv-client header as the web server sends it: the address signed with the environment's secret. */
export function clientHeader(address: string, now = Date.now()): Record<string, string> {
  return { 'x-pv-client': signClientAddress(address, process.env.PV_CLIENT_SECRET!, now) };
}

export async function startDraft(tenant: string, survey: string, json: Record<string, unknown> = {}, client = `client-${Math.random()}`) {
  const started = await api(`${surveyPath(tenant, survey)}/drafts`, { method: 'POST', json, headers: clientHeader(client) });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  return started.body!.token as string;
}

export async function saveSection(tenant: string, survey: string, token: string, section: string, answers: Record<string, unknown>) {
  return api(`${surveyPath(tenant, survey)}/draft/sections/${section}`, { method: 'PUT', json: { answers }, headers: { 'x-survey-draft': token } });
}

export async function submitDraft(tenant: string, survey: string, token: string) {
  return api(`${surveyPath(tenant, survey)}/draft/submit`, { method: 'POST', headers: { 'x-survey-draft': token } });
}

/** A parent who used a hub: yes → visit section, with free text. */
export async function answerYes(tenant: string, survey: string, token: string, text = 'More evening sessions for working dads') {
  const first = await saveSection(tenant, survey, token, 'about-you', { 'uses-hub': 'yes', services: ['health', 'stay-play'] });
  if (first.status !== 200) throw new Error(JSON.stringify(first.body));
  const second = await saveSection(tenant, survey, token, 'your-visit', { rating: 4, better: text });
  if (second.status !== 200) throw new Error(JSON.stringify(second.body));
}
