import type { ActionStatus } from './action.schema.ts';
import * as z from 'zod';
import { ageBands, digitalAccessLevels, ethnicities, parentRoles, yesNo } from './group-rule.ts';
import { formBoolean, optionalText, slug, text, version } from './validation.ts';

/**
 * Parent-carer panels: the panel itself, joining, a member's details, the optional equality
 * monitoring answers (special-category data, held apart and only ever counted), meetings and
 * replies. Shared by the API (validation) and the web (forms, types).
 */

// ---------------------------------------------------------------------------------------------
// Panels

export const panelStatuses = ['active', 'closed'] as const;
export type PanelStatus = (typeof panelStatuses)[number];

export const panelInput = z.object({
  name: text('Enter a name for the panel', 'Name', { min: 3, max: 120 }),
  description: optionalText('Description', 1200),
  networkId: slug.describe('hub network'),
  recruiting: formBoolean,
  targetSize: z.coerce
    .number({ error: 'Enter a target size from 5 to 1,000' })
    .int({ error: 'Enter a whole number from 5 to 1,000' })
    .min(5, { error: 'The target size must be 5 or more' })
    .max(1000, { error: 'The target size must be 1,000 or fewer' }),
  status: z.enum(panelStatuses, { error: 'Choose whether the panel is active or closed' }).default('active'),
});
export type PanelInput = z.output<typeof panelInput>;
export const panelUpdateInput = panelInput.extend({ version });

export interface Panel extends PanelInput {
  id: string;
  /** Members who have confirmed and not left. */
  memberCount: number;
  /** Joined but not yet confirmed (by email link, or by an officer for phone-only joiners). */
  pendingCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What anyone can see about a panel. */
export interface PublicPanel {
  id: string;
  name: string;
  description: string;
  networkId: string;
  networkName: string;
  district: string;
  recruiting: boolean;
}

/** A postcode district ("NG18") from a full or partial postcode, or undefined if it does not look like one. */
export function postcodeDistrict(input: string): string | undefined {
  const compact = input.toUpperCase().replace(/\s+/g, '');
  const full = /^([A-Z]{1,2}\d[A-Z\d]?)(\d[A-Z]{2})$/.exec(compact);
  if (full) return full[1];
  const outward = /^[A-Z]{1,2}\d[A-Z\d]?$/.exec(compact);
  return outward ? outward[0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Joining and a member's details

export const contactChannels = ['email', 'phone', 'text'] as const;
export type ContactChannel = (typeof contactChannels)[number];
export const contactChannelLabels: Record<ContactChannel, string> = { email: 'Email', phone: 'Phone call', text: 'Text message' };

export const childAgeBands = ['expecting', 'under-1', '1-2', '2-3', '3-5', '5-plus'] as const;
export const childAgeBandLabels: Record<(typeof childAgeBands)[number], string> = {
  expecting: 'Expecting a baby',
  'under-1': 'Under 1',
  '1-2': '1 to 2 years',
  '2-3': '2 to 3 years',
  '3-5': '3 to 5 years',
  '5-plus': 'Over 5',
};

const email = z
  .string()
  .optional()
  .transform((s) => (s ?? '').trim().toLowerCase())
  .pipe(z.union([z.literal(''), z.email({ error: 'Enter an email address in the right format, like name@example.com' }).max(254)]));

/** UK phone numbers, kept as digits with a leading 0 (07700 900123) or +44. */
const phone = z
  .string()
  .optional()
  .transform((s) => (s ?? '').replace(/[\s()-]/g, ''))
  .pipe(
    z.union([
      z.literal(''),
      z
        .string()
        .regex(/^(?:0|\+44)\d{9,10}$/, { error: 'Enter a UK phone number, like 07700 900123' })
        .transform((p) => (p.startsWith('+44') ? `0${p.slice(3)}` : p)),
    ]),
  );

/** Checkboxes arrive as one string or many from a form, or as an array in JSON. */
export function manyOf<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess(
    (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(values, { error: message })).max(values.length),
  );
}

const ids = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]),
  z.array(slug).max(30, { error: 'Choose 30 or fewer' }),
);

const memberFields = z.object({
  name: text('Enter your name', 'Name', { max: 100 }),
  email,
  phone,
  preferredChannel: z.enum(contactChannels, { error: 'Choose how you would like us to contact you' }),
  language: optionalText('Language', 60),
  supportNeeds: optionalText('Support needs', 600),
  hubId: z.preprocess((v) => (v === '' ? undefined : v), slug.optional()),
  childAgeBands: manyOf(childAgeBands, 'Choose an age from the list'),
  topics: ids,
});

function contactRules(m: { email: string; phone: string; preferredChannel: ContactChannel }, ctx: z.RefinementCtx) {
  if (!m.email && !m.phone) {
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter an email address or a phone number so we can contact you' });
  }
  if (m.preferredChannel === 'email' && !m.email && m.phone) {
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'Enter an email address, or choose phone or text as the way to contact you' });
  }
  if (m.preferredChannel !== 'email' && !m.phone && m.email) {
    ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Enter a phone number, or choose email as the way to contact you' });
  }
}

export const joinInput = memberFields
  .extend({
    agreeToContact: z.preprocess(
      (v) => v === true || v === 'on' || v === 'true' || v === 'yes',
      z.literal(true, { error: 'Tick the box to say we can keep your details and contact you about the panel' }),
    ),
  })
  .superRefine(contactRules);
export type JoinInput = z.output<typeof joinInput>;

export const memberDetailsInput = memberFields.extend({ version }).superRefine(contactRules);
export type MemberDetailsInput = z.output<typeof memberDetailsInput>;

export const recruitmentChannels = ['phone', 'paper', 'event'] as const;
export const recruitmentChannelLabels: Record<(typeof recruitmentChannels)[number], string> = {
  phone: 'On the phone',
  paper: 'Paper form',
  event: 'In person at an event or hub',
};

/** An officer adds someone who joined by phone, on paper or in person. */
export const assistedMemberInput = memberFields
  .extend({
    recruitedBy: z.enum(recruitmentChannels, { error: 'Choose how they joined' }),
    consentGivenVerbally: z.preprocess(
      (v) => v === true || v === 'on' || v === 'true' || v === 'yes',
      z.literal(true, { error: 'Confirm they agreed to us keeping their details and contacting them' }),
    ),
  })
  .superRefine(contactRules);
export type AssistedMemberInput = z.output<typeof assistedMemberInput>;

export const memberStatuses = ['pending', 'active', 'left'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

/** Contact data only: what an officer may see. Never equality answers. */
export interface Member {
  id: string;
  panelId: string;
  name: string;
  email: string;
  phone: string;
  preferredChannel: ContactChannel;
  language: string;
  supportNeeds: string;
  hubId?: string;
  childAgeBands: string[];
  topics: string[];
  status: MemberStatus;
  /** Set when an officer added them; consent was given verbally, to that officer. */
  assisted?: { by: string; recruitedBy: string; at: string };
  joinedAt: string;
  confirmedAt?: string;
  leftAt?: string;
  /** Joining, a meeting attended (later: a survey answered). */
  lastInvolvedAt?: string;
  version: number;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------
// Equality monitoring (special-category data)

/** Bump when the wording on the page changes: the consent ledger records which wording a person saw. */
export const profileWordingVersion = 'equality-2026-11';
export const profileConsentWording =
  'I agree that the partnership can keep these answers about me. They are kept apart from my name and contact details, ' +
  'only ever counted with other people’s answers, and never shown to anyone on their own. I can change them or take them back at any time.';

export const preferNotToSay = 'prefer-not-to-say';
const answer = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z.enum([...values, preferNotToSay] as [string, ...string[]], { error: 'Choose one of the answers' }).optional(),
  );

export const profileQuestions = {
  parentRole: { label: 'Which best describes you?', values: parentRoles },
  ageBand: { label: 'How old are you?', values: ageBands },
  ethnicity: { label: 'What is your ethnic group?', values: ethnicities },
  lgbt: { label: 'Do you describe yourself as lesbian, gay, bisexual, trans or another LGBT+ identity?', values: yesNo },
  disability: { label: 'Do you have a disability or long-term health condition?', values: yesNo },
  childSend: { label: 'Do any of your children have special educational needs or a disability (SEND)?', values: yesNo },
  neurodiverse: { label: 'Are any of your children neurodivergent (for example autistic or with ADHD)?', values: yesNo },
  neonatal: { label: 'Was your baby cared for in a neonatal unit?', values: yesNo },
  digitalAccess: { label: 'How easy is it for you to get online?', values: digitalAccessLevels },
} as const;
export type ProfileQuestion = keyof typeof profileQuestions;

export const profileInput = z.object({
  consent: z.preprocess(
    (v) => v === true || v === 'on' || v === 'true' || v === 'yes',
    z.literal(true, { error: 'Tick the box to say you agree, or skip this step' }),
  ),
  parentRole: answer(parentRoles),
  ageBand: answer(ageBands),
  ethnicity: answer(ethnicities),
  lgbt: answer(yesNo),
  disability: answer(yesNo),
  childSend: answer(yesNo),
  neurodiverse: answer(yesNo),
  neonatal: answer(yesNo),
  digitalAccess: answer(digitalAccessLevels),
  mainLanguage: z
    .string()
    .optional()
    .transform((s) => (s ?? '').trim().toLowerCase())
    .pipe(z.string().max(60, { error: 'Main language must be 60 characters or fewer' })),
});
export type ProfileInput = z.output<typeof profileInput>;
export type ProfileAnswers = Omit<ProfileInput, 'consent'>;

export interface ConsentRecord {
  id: string;
  purpose: 'panel-contact' | 'equality-monitoring';
  action: 'given' | 'withdrawn';
  at: string;
  wordingVersion: string;
  /** online: the person ticked a box; verbal: an officer recorded it. */
  method: 'online' | 'verbal';
  recordedBy?: string;
}

// ---------------------------------------------------------------------------------------------
// Meetings

export const meetingFormats = ['in-person', 'online', 'hybrid'] as const;
export const meetingFormatLabels: Record<(typeof meetingFormats)[number], string> = {
  'in-person': 'In person',
  online: 'Online',
  hybrid: 'Hybrid (in person and online)',
};
export const supportKinds = ['creche', 'travel', 'voucher', 'interpreter', 'meal', 'accessible-venue'] as const;
export type SupportKind = (typeof supportKinds)[number];
export const supportLabels: Record<SupportKind, string> = {
  creche: 'Crèche',
  travel: 'Travel costs',
  voucher: 'Thank-you voucher',
  interpreter: 'Interpreter',
  meal: 'A meal',
  'accessible-venue': 'Accessible venue',
};

const isoDay = z
  .string({ error: 'Enter the date of the meeting' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Enter the date as day, month and year' })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    error: 'Enter a real date',
  });

export const meetingInput = z.object({
  title: text('Enter a title', 'Title', { min: 3, max: 120 }),
  date: isoDay,
  time: z.string({ error: 'Enter a start time' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Enter a start time like 10:30' }),
  hubId: z.preprocess((v) => (v === '' ? undefined : v), slug.optional()),
  format: z.enum(meetingFormats, { error: 'Choose in person, online or hybrid' }),
  place: optionalText('Where', 300),
  supportOffered: manyOf(supportKinds, 'Choose support from the list'),
});
export type MeetingInput = z.output<typeof meetingInput>;

export interface Meeting extends MeetingInput {
  id: string;
  panelId: string;
  invited: number;
  replies: { yes: number; no: number; 'need-support': number };
  attended: number;
  supportTaken: Partial<Record<SupportKind, number>>;
  attendanceRecorded: boolean;
  version: number;
  createdAt: string;
}

export const meetingReplies = ['yes', 'no', 'need-support'] as const;
export type MeetingReply = (typeof meetingReplies)[number];
export const meetingReplyLabels: Record<MeetingReply, string> = {
  yes: 'Yes, I can come',
  no: 'No, I can’t come',
  'need-support': 'I’d like to come but need some support',
};

export const meetingReplyInput = z
  .object({
    reply: z.enum(meetingReplies, { error: 'Choose whether you can come' }),
    supportNeeded: manyOf(supportKinds, 'Choose support from the list'),
    note: optionalText('What would help', 600),
  })
  .superRefine((r, ctx) => {
    if (r.reply === 'need-support' && r.supportNeeded.length === 0 && !r.note) {
      ctx.addIssue({ code: 'custom', path: ['supportNeeded'], message: 'Choose the support you need, or tell us what would help' });
    }
  });
export type MeetingReplyInput = z.output<typeof meetingReplyInput>;

export interface Invitation {
  meetingId: string;
  memberId: string;
  name: string;
  reply?: MeetingReply;
  supportNeeded: SupportKind[];
  note: string;
  attended?: boolean;
  supportTaken: SupportKind[];
  invitedAt: string;
  repliedAt?: string;
}

export const attendanceInput = z.object({
  version,
  attendees: z
    .array(
      z.object({
        memberId: z.string().regex(/^[0-9A-Z]{26}$/, { error: 'Unknown member' }),
        attended: formBoolean,
        supportTaken: manyOf(supportKinds, 'Choose support from the list'),
      }),
    )
    .max(1000),
});
export type AttendanceInput = z.output<typeof attendanceInput>;

// ---------------------------------------------------------------------------------------------
// Representativeness (aggregate only; every count is protected by the cell key method)

/**
 * A count about people, as published: changed a little by the cell key method (`cell-key.ts`), the
 * same way for the same people wherever it is shown, then held back when the changed count is under
 * the tenant's threshold ("fewer than 5"). Nothing says why a figure is held back: there is one rule.
 */
export interface RepresentationCell {
  /** The published (changed) count; undefined when it is under the threshold. */
  count?: number;
  /** True when the published count is under the threshold: shown as "fewer than N". */
  suppressed: boolean;
  /** Share of the published members count, in percent; undefined when either is under the threshold. */
  sharePercent?: number;
}

export interface RepresentationRow extends RepresentationCell {
  groupId: string;
  groupName: string;
  baselinePercent?: number;
  baselineSource?: string;
  illustrative?: boolean;
  /** Share minus baseline, percentage points; undefined when suppressed or no baseline. */
  gapPoints?: number;
  /** A gap worth acting on: under half the baseline share. */
  underRepresented: boolean;
}

export interface RepresentationView {
  scope: { kind: 'tenant' } | { kind: 'panel'; panelId: string; panelName: string };
  threshold: number;
  members: RepresentationCell;
  /** Members who answered the equality questions (with consent). */
  answered: RepresentationCell;
  rows: RepresentationRow[];
}

// ---------------------------------------------------------------------------------------------
// What the API answers to a member about their own membership, and to officers about participation

/** A member's view of one meeting they were invited to. */
export interface MyInvitation {
  meetingId: string;
  title: string;
  date: string;
  time: string;
  format: Meeting['format'];
  place: string;
  hubName?: string;
  supportOffered: SupportKind[];
  reply?: Invitation['reply'];
  supportNeeded: SupportKind[];
  note: string;
  attended?: boolean;
}

export interface MyMembership {
  member: Omit<Member, 'assisted'> & { assisted: boolean };
  panel: { id: string; name: string; description: string; networkId: string; networkName: string };
  hasProfile: boolean;
  invitations: MyInvitation[];
  /** Published "you said, we did" actions that came from what this member said (through the themes of their comments). */
  actions: { id: string; youSaid: string; weDid: string; status: ActionStatus; updatedOn: string }[];
  /** False once they stopped "you said, we did" emails. */
  loopEmails: boolean;
}

/** Everything held about a member, for "download your data". */
export interface MyData {
  exportedAt: string;
  partnership: { id: string; name: string };
  panel: { id: string; name: string };
  membership: MyMembership['member'];
  equalityMonitoring: ProfileAnswers | null;
  consents: ConsentRecord[];
  meetings: MyInvitation[];
  whatElse: string;
}

/** What using a link gives the web: a session, and where to go next. */
export interface MemberSessionGrant {
  session: string;
  expiresAt: number;
  /** "welcome" after confirming; "meetings/<id>" from an invitation; "" otherwise. */
  next: string;
}

export interface Participation {
  /**
   * The last 12 months. `meetings` (meetings with attendance recorded) is not about people: exact.
   * `attended` (attendances) is, so it is published by the cell key method: null when the changed
   * count is under `threshold` ("fewer than 5"), and 0 in a month with no meetings (nobody could come).
   */
  months: { month: string; meetings: number; attended: number | null }[];
  threshold: number;
  /**
   * Active members not involved for 6 months: the size of a working list the officer opens from it
   * (the members page, filtered), so exact like the list itself.
   */
  notInvolvedFor6Months: number;
  since: string;
}
