import { isRealDate, surveyAudienceLabels, surveyAudiences, surveySettingsInput, type Survey, type SurveySettings } from '@pv/shared/survey.schema';
import { toFieldErrors } from '@pv/shared/validation';
import { dateFrom } from './config-form';
import { textOf } from './officer';

/**
 * The survey settings form (new and edit): form fields → the shared zod schema, errors → the fields
 * on the page, and a survey → the values to edit. The closing date is three boxes (closesOn.day…).
 */

export type SettingsValues = Record<'title' | 'introduction' | 'privacyNotice' | 'day' | 'month' | 'year' | 'audience' | 'anonymous', string>;
export type FormErrors = Record<string, string>;

export const audienceOptions = surveyAudiences.map((a) => ({ value: a, label: surveyAudienceLabels[a] }));

/**
 * `today` refuses a closing date in the past, unless it is the date already saved (a closed survey's
 * wording can still be corrected).
 */
export function readSettingsForm(form: FormData, { today, saved }: { today: string; saved?: string }): { values: SettingsValues; input?: SurveySettings; errors?: FormErrors } {
  const values: SettingsValues = {
    title: textOf(form, 'title'),
    introduction: textOf(form, 'introduction'),
    privacyNotice: textOf(form, 'privacyNotice'),
    day: textOf(form, 'closesOn.day'),
    month: textOf(form, 'closesOn.month'),
    year: textOf(form, 'closesOn.year'),
    audience: textOf(form, 'audience'),
    anonymous: textOf(form, 'anonymous'),
  };
  const date = dateFrom('Closing date', values.day, values.month, values.year);
  const checks: FormErrors = {};
  if (date.error) checks.closesOn = date.error;
  else if (date.value && !isRealDate(date.value)) checks.closesOn = 'The closing date must be a real date';
  else if (date.value && date.value < today && date.value !== saved) checks.closesOn = 'The closing date must be today or in the future';
  if (values.anonymous !== 'yes' && values.anonymous !== 'no') checks.anonymous = 'Choose whether the survey is anonymous';
  const parsed = surveySettingsInput.safeParse({ ...values, closesOn: date.value ?? '', audience: values.audience || undefined });
  if (parsed.success && !Object.keys(checks).length) return { values, input: parsed.data };
  const errors: FormErrors = {};
  if (!parsed.success) for (const [k, m] of Object.entries(toFieldErrors(parsed.error))) errors[k.split('.')[0]!] ??= m;
  return { values, errors: { ...errors, ...checks } };
}

export function settingsValues(survey: Pick<Survey, keyof SurveySettings>): SettingsValues {
  const [year = '', month = '', day = ''] = survey.closesOn.split('-');
  return {
    title: survey.title,
    introduction: survey.introduction,
    privacyNotice: survey.privacyNotice,
    day: String(Number(day)),
    month: String(Number(month)),
    year,
    audience: survey.audience,
    anonymous: survey.anonymous ? 'yes' : 'no',
  };
}

export const emptySettingsValues: SettingsValues = {
  title: '',
  introduction: '',
  privacyNotice: '',
  day: '',
  month: '',
  year: '',
  audience: '',
  anonymous: '',
};

/** The settings part of a survey, to send with a changed definition (the API replaces the whole survey). */
export function settingsOf(survey: Survey): SurveySettings {
  const { title, introduction, privacyNotice, closesOn, audience, anonymous } = survey;
  return { title, introduction, privacyNotice, closesOn, audience, anonymous };
}
