import type { SummaryError } from '$lib/config-fields';

/**
 * The officer forms' fields in page order, and the id each error links to (a fieldset's first
 * input), so the error summary lists problems in the order a person meets them.
 */
const forms = {
  panel: { fields: ['name', 'description', 'networkId', 'recruiting', 'targetSize', 'status'], ids: {} as Record<string, string> },
  member: {
    fields: ['name', 'email', 'phone', 'preferredChannel', 'language', 'supportNeeds', 'hubId', 'childAgeBands', 'topics', 'recruitedBy', 'consentGivenVerbally'],
    ids: {} as Record<string, string>,
  },
  meeting: {
    fields: ['title', 'date', 'time', 'hubId', 'format', 'place', 'supportOffered'],
    ids: { date: 'date-day' } as Record<string, string>,
  },
  consultation: {
    fields: ['title', 'summary', 'whyAsking', 'canChange', 'cannotChange', 'priorityIds', 'networkIds', 'surveyIds', 'opensOn', 'closesOn'],
    ids: { opensOn: 'opensOn-day', closesOn: 'closesOn-day' } as Record<string, string>,
  },
  conversation: {
    fields: ['said', 'where', 'heldOn', 'hubId', 'channel', 'people', 'member'],
    ids: { heldOn: 'heldOn-day' } as Record<string, string>,
  },
  action: {
    fields: ['youSaid', 'weDid', 'status', 'notDoingReason', 'owner', 'targetOn', 'doneOn', 'themeIds', 'consultationIds', 'priorityIds', 'update'],
    ids: { targetOn: 'targetOn-day', doneOn: 'doneOn-day' } as Record<string, string>,
  },
} satisfies Record<string, { fields: string[]; ids: Record<string, string> }>;

export function summaryFor(form: keyof typeof forms, errors: Record<string, string> | undefined, moreIds: Record<string, string> = {}): SummaryError[] {
  if (!errors) return [];
  const { fields, ids } = forms[form];
  const idOf: Record<string, string> = { ...ids, ...moreIds };
  const known = fields.filter((k) => errors[k]).map((k) => ({ href: `#${idOf[k] ?? k}`, message: errors[k]! }));
  const other = Object.keys(errors)
    .filter((k) => !fields.includes(k))
    .map((k) => ({ href: k === '_' ? undefined : '#submit', message: errors[k]! }));
  return [...known, ...other];
}
