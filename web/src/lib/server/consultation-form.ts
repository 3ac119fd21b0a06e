import {
  consultationInput,
  conversationChannelLabels,
  conversationChannels,
  conversationInput,
  type Consultation,
  type ConsultationInput,
  type ConversationInput,
} from '@pv/shared/consultation.schema';
import { isRealDate } from '@pv/shared/survey.schema';
import { toFieldErrors } from '@pv/shared/validation';
import type { ZodError } from 'zod';
import { errorsByField, type FormErrors } from '$lib/form-errors';
import { statusTags } from '$lib/survey-builder-forms';
import { dateInWords } from '$lib/words';
import type { api, SurveyWithStatus } from './api';
import { dateFrom } from './config-form';
import { allOf, networkOptions, orFail, priorityOptions, textOf } from './officer';

/**
 * The consultation forms: starting or changing a consultation, and logging a conversation. Form
 * fields → the shared zod schemas, errors → the fields on the page (one message a field), and a
 * consultation → the values to change. Dates are three boxes each (opensOn.day, opensOn.month…).
 */

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

function datePartsOf(form: FormData, name: string): DateParts {
  return { day: textOf(form, `${name}.day`), month: textOf(form, `${name}.month`), year: textOf(form, `${name}.year`) };
}

/** "2027-03-05" → 5 / 3 / 2027, as a person would type it. */
function datePartsFrom(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** Three date boxes → "YYYY-MM-DD", or the message for the field. */
function readDate(label: string, parts: DateParts): { value: string; error?: string } {
  const date = dateFrom(label, parts.day, parts.month, parts.year);
  if (date.error) return { value: '', error: date.error };
  if (!isRealDate(date.value!)) return { value: date.value!, error: `The ${label.toLowerCase()} must be a real date` };
  return { value: date.value! };
}

/** zod's issues by field ("priorityIds.2" is the priorities), then the form's own checks on top. */
function fieldErrors(error: ZodError | undefined, checks: FormErrors): FormErrors {
  return { ...(error ? errorsByField(toFieldErrors(error)) : {}), ...checks };
}

// ---------------------------------------------------------------------------------------------
// Starting or changing a consultation

/** What the form holds: the input, with each date as the three boxes a person typed. */
export type ConsultationValues = Omit<ConsultationInput, 'opensOn' | 'closesOn'> & { opensOn: DateParts; closesOn: DateParts };

export function readConsultationForm(form: FormData): { values: ConsultationValues; input?: ConsultationInput; errors?: FormErrors } {
  const values: ConsultationValues = {
    title: textOf(form, 'title'),
    summary: textOf(form, 'summary'),
    whyAsking: textOf(form, 'whyAsking'),
    canChange: textOf(form, 'canChange'),
    cannotChange: textOf(form, 'cannotChange'),
    priorityIds: allOf(form, 'priorityIds'),
    networkIds: allOf(form, 'networkIds'),
    surveyIds: allOf(form, 'surveyIds'),
    opensOn: datePartsOf(form, 'opensOn'),
    closesOn: datePartsOf(form, 'closesOn'),
  };
  const opens = readDate('Opening date', values.opensOn);
  const closes = readDate('Closing date', values.closesOn);
  const checks: FormErrors = {};
  if (opens.error) checks.opensOn = opens.error;
  if (closes.error) checks.closesOn = closes.error;
  const parsed = consultationInput.safeParse({ ...values, opensOn: opens.value, closesOn: closes.value });
  if (parsed.success && !Object.keys(checks).length) return { values, input: parsed.data };
  return { values, errors: fieldErrors(parsed.error, checks) };
}

export function consultationValues({ id: _id, stage: _stage, timeline: _timeline, version: _version, createdAt: _c, updatedAt: _u, ...input }: Consultation): ConsultationValues {
  return { ...input, opensOn: datePartsFrom(input.opensOn), closesOn: datePartsFrom(input.closesOn) };
}

const noDate: DateParts = { day: '', month: '', year: '' };
export const emptyConsultationValues: ConsultationValues = {
  title: '',
  summary: '',
  whyAsking: '',
  canChange: '',
  cannotChange: '',
  priorityIds: [],
  networkIds: [],
  surveyIds: [],
  opensOn: noDate,
  closesOn: noDate,
};

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

export interface ConversationValues {
  said: string;
  where: string;
  heldOn: DateParts;
  hubId: string;
  channel: string;
  people: string;
  member: string;
}

export const channelOptions = conversationChannels.map((c) => ({ value: c, label: conversationChannelLabels[c] }));

export function readConversationForm(form: FormData): { values: ConversationValues; input?: ConversationInput; errors?: FormErrors } {
  const values: ConversationValues = {
    said: textOf(form, 'said'),
    where: textOf(form, 'where'),
    heldOn: datePartsOf(form, 'heldOn'),
    hubId: textOf(form, 'hubId'),
    channel: textOf(form, 'channel'),
    people: textOf(form, 'people').replace(/,/g, '').trim(),
    member: textOf(form, 'member'),
  };
  const heldOn = readDate('Date of the conversation', values.heldOn);
  const checks: FormErrors = {};
  if (heldOn.error) checks.heldOn = heldOn.error;
  // An empty choice is "not chosen", not a badly formed id.
  if (!values.hubId) checks.hubId = 'Choose the Family Hub the conversation was at or is nearest to';
  const parsed = conversationInput.safeParse({
    ...values,
    heldOn: heldOn.value,
    people: values.people || undefined,
    member: values.member || undefined,
  });
  if (parsed.success && !Object.keys(checks).length) return { values, input: parsed.data };
  return { values, errors: fieldErrors(parsed.error, checks) };
}

/** Today's date in the boxes: most conversations are logged the day they happen. */
export function emptyConversationValues(today: string): ConversationValues {
  return { said: '', where: '', heldOn: datePartsFrom(today), hubId: '', channel: '', people: '', member: '' };
}

/** Active members of the partnership's active panels, as "panelId:memberId" → "Name (panel)", by name. */
export async function memberOptions(client: ReturnType<typeof api>, tenantId: string) {
  const panels = (await client.panels(tenantId)).filter((p) => p.status === 'active');
  const lists = await Promise.all(panels.map(async (p) => ({ panel: p, members: await client.members(tenantId, p.id, { status: 'active' }) })));
  return lists
    .flatMap(({ panel, members }) => members.map((m) => ({ value: `${panel.id}:${m.id}`, label: `${m.name} (${panel.name})` })))
    .sort((a, b) => a.label.localeCompare(b.label));
}
