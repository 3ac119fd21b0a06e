import { dayText, dayWithWeekday } from '@pv/shared/dates';
import type { ageBands, digitalAccessLevels, ethnicities, parentRoles, yesNo } from '@pv/shared/group-rule';

/**
 * Words families read: the equality monitoring answers in plain English, and meeting dates and
 * times in words. Kept free of zod so the browser bundle stays small.
 */
export const profileAnswerLabels: Record<string, Record<string, string>> = {
  parentRole: {
    mum: 'Mum',
    dad: 'Dad',
    partner: 'Partner of a parent',
    'co-parent': 'Co-parent',
    'adoptive-parent': 'Adoptive parent',
    'kinship-carer': 'Kinship carer (for example, a grandparent bringing up a child)',
    'foster-carer': 'Foster carer',
    other: 'Something else',
  } satisfies Record<(typeof parentRoles)[number], string>,
  ageBand: {
    'under-20': 'Under 20',
    '20-24': '20 to 24',
    '25-34': '25 to 34',
    '35-44': '35 to 44',
    '45-plus': '45 or over',
  } satisfies Record<(typeof ageBands)[number], string>,
  ethnicity: {
    'asian-bangladeshi': 'Asian or Asian British: Bangladeshi',
    'asian-chinese': 'Asian or Asian British: Chinese',
    'asian-indian': 'Asian or Asian British: Indian',
    'asian-pakistani': 'Asian or Asian British: Pakistani',
    'asian-other': 'Any other Asian background',
    'black-african': 'Black, Black British, Caribbean or African: African',
    'black-caribbean': 'Black, Black British, Caribbean or African: Caribbean',
    'black-other': 'Any other Black, Black British or Caribbean background',
    'mixed-white-asian': 'Mixed: White and Asian',
    'mixed-white-black-african': 'Mixed: White and Black African',
    'mixed-white-black-caribbean': 'Mixed: White and Black Caribbean',
    'mixed-other': 'Any other Mixed or multiple ethnic background',
    'white-british': 'White: English, Welsh, Scottish, Northern Irish or British',
    'white-irish': 'White: Irish',
    'white-gypsy-irish-traveller': 'White: Gypsy or Irish Traveller',
    'white-roma': 'White: Roma',
    'white-other': 'Any other White background',
    'other-arab': 'Arab',
    'other-any': 'Any other ethnic group',
  } satisfies Record<(typeof ethnicities)[number], string>,
  yesNo: { yes: 'Yes', no: 'No' } satisfies Record<(typeof yesNo)[number], string>,
  digitalAccess: {
    good: 'Easy. I can get online when I need to',
    limited: 'Sometimes hard. For example, I have little data or no computer',
    none: 'I can’t get online',
  } satisfies Record<(typeof digitalAccessLevels)[number], string>,
};

export const preferNotToSayLabel = 'Prefer not to say';

/** "2026-03-03" → "Tuesday 3 March 2026". */
export const dateInWords = (isoDay: string): string => dayWithWeekday(isoDay.slice(0, 10));

/** A day or a moment → "3 March 2026" (a moment as the day it was in England). */
export const dayOf = (iso: string | undefined): string => dayText(iso);

/** "14:30" → "2:30pm", "10:00" → "10am". */
export function timeInWords(hhmm: string): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  const h = Number(m[1]);
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}${m[2] === '00' ? '' : `:${m[2]}`}${h < 12 ? 'am' : 'pm'}`;
}
