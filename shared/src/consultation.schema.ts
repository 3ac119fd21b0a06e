import * as z from 'zod';
import { isRealDate } from './survey.schema.ts';
import { optionalText, slug, text, version } from './validation.ts';

/**
 * Consultations: a question the partnership asks families for a set time, what can and can't change,
 * the priorities and hub networks it is about, and what it gathers — surveys and logged
 * conversations (notes from a panel meeting, a stay-and-play session, a phone call). Shared by the
 * API (validation) and the web (forms, types).
 */

export const consultationStages = ['draft', 'open', 'closed', 'analysing', 'reported'] as const;
export type ConsultationStage = (typeof consultationStages)[number];
export const consultationStageLabels: Record<ConsultationStage, string> = {
  draft: 'Draft',
  open: 'Open',
  closed: 'Closed',
  analysing: 'Analysing what we heard',
  reported: 'Reported back',
};

/** The lifecycle only moves forward, one step at a time (a draft can also be opened straight away). */
export const nextStage: Record<ConsultationStage, ConsultationStage | undefined> = {
  draft: 'open',
  open: 'closed',
  closed: 'analysing',
  analysing: 'reported',
  reported: undefined,
};

const date = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .refine(isRealDate, { error: `The ${what} must be a real date, like 2027-03-31` });

const ids = z.array(slug).max(20).default([]);

const consultationFields = z.object({
  title: text('Enter a title', 'Title', { min: 3, max: 120 }),
  summary: text('Enter a plain-English summary', 'Summary', { max: 1500 }),
  whyAsking: text('Say why you are asking', 'Why we are asking', { max: 1500 }),
  canChange: text('Say what can change because of what families tell you', 'What can change', { max: 1500 }),
  cannotChange: optionalText('What can’t change', 1500),
  priorityIds: ids,
  networkIds: ids,
  surveyIds: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, { error: 'Choose surveys from the list' })).max(10).default([]),
  opensOn: date('opening date'),
  closesOn: date('closing date'),
});

function datesInOrder(c: { opensOn: string; closesOn: string }, ctx: z.RefinementCtx) {
  if (c.closesOn < c.opensOn) ctx.addIssue({ code: 'custom', path: ['closesOn'], message: 'The closing date must be on or after the opening date' });
}

export const consultationInput = consultationFields.superRefine(datesInOrder);
export type ConsultationInput = z.output<typeof consultationInput>;
export const consultationUpdateInput = consultationFields.extend({ version }).superRefine(datesInOrder);

export const stageChangeInput = z.object({ stage: z.enum(consultationStages, { error: 'Choose a stage' }), version });

export interface StageChange {
  stage: ConsultationStage;
  on: string;
}

export interface Consultation extends ConsultationInput {
  id: string;
  stage: ConsultationStage;
  /** When each stage began: the public timeline. */
  timeline: StageChange[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What anyone can see: published consultations only, no counts of people. */
export interface PublicConsultation {
  id: string;
  title: string;
  summary: string;
  whyAsking: string;
  canChange: string;
  cannotChange: string;
  priorityIds: string[];
  networkIds: string[];
  surveyIds: string[];
  opensOn: string;
  closesOn: string;
  stage: ConsultationStage;
  timeline: StageChange[];
}

// ---------------------------------------------------------------------------------------------
// Logged conversations

export const conversationChannels = ['panel-meeting', 'stay-and-play', 'phone', 'event', 'home-visit', 'other'] as const;
export type ConversationChannel = (typeof conversationChannels)[number];
export const conversationChannelLabels: Record<ConversationChannel, string> = {
  'panel-meeting': 'Panel meeting',
  'stay-and-play': 'Stay and play or group session',
  phone: 'Phone call',
  event: 'Event or drop-in',
  'home-visit': 'Home visit',
  other: 'Somewhere else',
};

export const conversationInput = z.object({
  said: text('Write down what was said', 'What was said', { max: 4000 }),
  where: text('Say where the conversation happened', 'Where', { max: 200 }),
  hubId: slug.describe('hub'),
  channel: z.enum(conversationChannels, { error: 'Choose what kind of conversation it was' }),
  heldOn: date('date of the conversation'),
  people: z.coerce
    .number({ error: 'Enter how many people took part, like 6' })
    .int({ error: 'Enter a whole number of people' })
    .min(1, { error: 'At least one person took part' })
    .max(500, { error: 'Enter 500 people or fewer; log a big event as several conversations' }),
  /** Optionally the panel member who said it (panelId:memberId), so they hear what changed. */
  member: z
    .string()
    .regex(/^[a-z0-9-]{1,130}:[0-9A-Z]{26}$/, { error: 'Choose a member from the list' })
    .optional(),
});
export type ConversationInput = z.output<typeof conversationInput>;

export interface Conversation extends Omit<ConversationInput, 'member'> {
  id: string;
  consultationId: string;
  networkId: string;
  feedbackId: string;
  loggedBy: string;
  loggedAt: string;
  /** Only that a member was named, never who, outside the officer's own view. */
  namedMember: boolean;
  /** Flagged as a safeguarding concern: `said` holds only WITHHELD; the words are the contact's alone. */
  withheld?: true;
}
