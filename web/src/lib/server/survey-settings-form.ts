import { isRealDate, surveyAudienceLabels, surveyAudiences, surveySettingsInput, type Survey, type SurveySettings } from '@pv/shared/survey.schema';
import type { FormErrors } from '$lib/form-errors';
import { dateFrom } from './config-form';
import { readWith, valuesOf, type FormRead } from './forms';

/**
 * The survey settings form (new and edit): form fields → the shared zod schema, errors → the fields
 * on the page, and a survey → the values to edit. The closing date is three boxes (closesOn.day…).
 */

const fields = ['title', 'introduction', 'privacyNotice', 'closesOn.day', 'closesOn.month', 'closesOn.year', 'audience', 'anonymous'] as const;
export type SettingsValues = Record<(typeof fields)[number], string>;

export const audienceOptions = surveyAudiences.map((a) => ({ value: a, label: surveyAudienceLabels[a] }));

/**
 * `today` refuses a closing date in the past, unless it is the date already saved (a closed survey's
 * wording can still be corrected).
 */
export function readSettingsForm(form: FormData, { today, saved }: { today: string; saved?: string }): FormRead<SurveySettings> {
  const values = valuesOf(form, fields) as SettingsValues;
  const date = dateFrom('Closing date', values['closesOn.day'], values['closesOn.month'], values['closesOn.year']);
  const checks: FormErrors = {};
  if (date.error) checks.closesOn = date.error;
  else if (date.value && !isRealDate(date.value)) checks.closesOn = 'The closing date must be a real date';
  else if (date.value && date.value < today && date.value !== saved) checks.closesOn = 'The closing date must be today or in the future';
  if (values.anonymous !== 'yes' && values.anonymous !== 'no') checks.anonymous = 'Choose whether the survey is anonymous';
  return readWith(surveySettingsInput, { ...values, closesOn: date.value ?? '', audience: values.audience || undefined }, values, checks);
}

export function settingsValues(survey: Pick<Survey, keyof SurveySettings>): SettingsValues {
  const [year = '', month = '', day = ''] = survey.closesOn.split('-');
  return {
    title: survey.title,
    introduction: survey.introduction,
    privacyNotice: survey.privacyNotice,
    'closesOn.day': String(Number(day)),
    'closesOn.month': String(Number(month)),
    'closesOn.year': year,
    audience: survey.audience,
    anonymous: survey.anonymous ? 'yes' : 'no',
  };
}

export const emptySettingsValues = Object.fromEntries(fields.map((f) => [f, ''])) as SettingsValues;

/** The settings part of a survey, to send with a changed definition (the API replaces the whole survey). */
export function settingsOf(survey: Survey): SurveySettings {
  const { title, introduction, privacyNotice, closesOn, audience, anonymous } = survey;
  return { title, introduction, privacyNotice, closesOn, audience, anonymous };
}
