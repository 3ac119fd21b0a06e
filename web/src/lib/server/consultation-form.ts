import {
  consultationInput,
  conversationChannelLabels,
  conversationChannels,
  conversationInput,
  type Consultation,
  type ConsultationInput,
  type ConversationInput,
} from '@pv/shared/consultation.schema';
import type { FormErrors, FormValues } from '$lib/form-errors';
import { statusTags } from '$lib/survey-builder-forms';
import { dateInWords } from '$lib/words';
import type { api, SurveyWithStatus } from './api';
import { dateBoxes, dateBoxValues, readDateBoxes } from './date-boxes';
import { formText, readWith, valuesOf, type FormRead } from './forms';
import { networkOptions, orFail, priorityOptions } from './officer';

/**
 * The consultation forms: starting or changing a consultation, and logging a conversation. Form
 * fields → the shared zod schemas, errors → the fields on the page (one message a field), and a
 * consultation → the values to change. Dates are three boxes each (opensOn.day…, see date-boxes.ts).
 */

// ---------------------------------------------------------------------------------------------
// Starting or changing a consultation

/** Some fields of the values (or of a consultation), as the schema wants them. */
const pick = <T extends object, K extends keyof T>(from: T, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, from[k]])) as Pick<T, K>;

const consultationTexts = ['title', 'summary', 'whyAsking', 'canChange', 'cannotChange'] as const;
const consultationLists = ['priorityIds', 'networkIds', 'surveyIds'] as const;

export function readConsultationForm(form: FormData): FormRead<ConsultationInput> {
  const values = valuesOf(form, [...consultationTexts, ...dateBoxes('opensOn'), ...dateBoxes('closesOn')], consultationLists);
  const opens = readDateBoxes(values, 'opensOn', 'Opening date');
  const closes = readDateBoxes(values, 'closesOn', 'Closing date');
  const checks: FormErrors = {};
  if (opens.error) checks.opensOn = opens.error;
  if (closes.error) checks.closesOn = closes.error;
  const candidate = { ...pick(values, [...consultationTexts, ...consultationLists]), opensOn: opens.value, closesOn: closes.value };
  return readWith(consultationInput, candidate, values, checks);
}

export function consultationValues(c: Consultation): FormValues {
  return { ...pick(c, [...consultationTexts, ...consultationLists]), ...dateBoxValues('opensOn', c.opensOn), ...dateBoxValues('closesOn', c.closesOn) };
}

export const emptyConsultationValues: FormValues = { priorityIds: [], networkIds: [], surveyIds: [] };

/** The partnership's surveys to gather answers through: open ones first, then drafts, then closed. */
function surveyOptions(surveys: SurveyWithStatus[]) {
  const order = { open: 0, draft: 1, closed: 2 } as const;
  return [...surveys]
    .sort((a, b) => order[a.effectiveStatus] - order[b.effectiveStatus])
    .map((s) => ({ value: s.id, label: s.title, hint: `${statusTags[s.effectiveStatus].text}. Closes on ${dateInWords(s.closesOn)}` }));
}

/** The checkboxes: active priorities and hub networks (and any retired one already chosen), and every survey. */
export async function consultationOptions(client: ReturnType<typeof api>, tenantId: string, url: URL, chosen?: Consultation) {
  const [config, surveys] = await Promise.all([orFail(client.config(tenantId), url), orFail(client.surveys(tenantId), url)]);
  return {
    priorities: priorityOptions(config, chosen?.priorityIds),
    networks: networkOptions(config, chosen?.networkIds),
    surveys: surveyOptions(surveys),
  };
}

// ---------------------------------------------------------------------------------------------
// Logging a conversation

export const channelOptions = conversationChannels.map((c) => ({ value: c, label: conversationChannelLabels[c] }));

export function readConversationForm(form: FormData): FormRead<ConversationInput> {
  const values = valuesOf(form, ['said', 'where', ...dateBoxes('heldOn'), 'hubId', 'channel', 'people', 'member']);
  values.people = formText(form, 'people').replace(/,/g, '').trim();
  const heldOn = readDateBoxes(values, 'heldOn', 'Date of the conversation');
  const checks: FormErrors = {};
  if (heldOn.error) checks.heldOn = heldOn.error;
  // An empty choice is "not chosen", not a badly formed id.
  if (!values.hubId) checks.hubId = 'Choose the Family Hub the conversation was at or is nearest to';
  const candidate = {
    ...pick(values, ['said', 'where', 'hubId', 'channel']),
    heldOn: heldOn.value,
    people: values.people || undefined,
    member: values.member || undefined,
  };
  return readWith(conversationInput, candidate, values, checks);
}

/** Today's date in the boxes: most conversations are logged the day they happen. */
export function emptyConversationValues(today: string): FormValues {
  return dateBoxValues('heldOn', today);
}

/** Active members of the partnership's active panels, as "panelId:memberId" → "Name (panel)", by name. */
export async function memberOptions(client: ReturnType<typeof api>, tenantId: string) {
  const panels = (await client.panels(tenantId)).filter((p) => p.status === 'active');
  const lists = await Promise.all(panels.map(async (p) => ({ panel: p, members: await client.members(tenantId, p.id, { status: 'active' }) })));
  return lists
    .flatMap(({ panel, members }) => members.map((m) => ({ value: `${panel.id}:${m.id}`, label: `${m.name} (${panel.name})` })))
    .sort((a, b) => a.label.localeCompare(b.label));
}
