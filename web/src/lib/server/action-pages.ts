import { error, fail, redirect } from '@sveltejs/kit';
import { actionStatusLabels, type Action } from '@pv/shared/action.schema';
import { dayOf } from '$lib/words';
import { ApiError } from './api';
import type { ActionChoices } from './action-form';
import { signInUrl } from './guard';
import { officerContext, orFail } from './officer';

/**
 * What the officer "you said, we did" pages show about an action: its state in words, its fields as
 * rows (the action's page, and someone else's version after a conflict), and the refusals of the
 * steps (send, approve, send back) in words a person can act on.
 */

const ulidPattern = /^[0-9A-Z]{26}$/;

/** An action id from the URL, or 404 for one the API could never have made. */
export function actionIdOf(id: string): string {
  if (!ulidPattern.test(id)) error(404, { message: 'Page not found' });
  return id;
}

/** The action named by the URL, with what the personal-data check finds in it now. */
export async function officerAction(locals: App.Locals, url: URL, param: string) {
  const context = officerContext(locals, url);
  const { action, findings } = await orFail(context.client.action(context.tenantId, actionIdOf(param)), url);
  return { ...context, action, findings };
}

export const actionHref = (id: string) => `/officer/actions/${id}`;

type Colour = 'grey' | 'yellow' | 'green' | 'blue';

/** Where an action is on its way to the public, as a tag. */
export function stateTag(action: Pick<Action, 'state' | 'published'>): { text: string; colour: Colour } {
  if (action.state === 'approved') return { text: 'Published', colour: 'green' };
  if (action.state === 'awaiting-approval') return { text: 'Waiting for approval', colour: 'blue' };
  if (action.published) return { text: 'Published, with changes not yet approved', colour: 'yellow' };
  return { text: 'Draft', colour: 'grey' };
}

/** The first words of a long text, cut at a word. */
export function shortened(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : max).replace(/[\s,.;:–-]+$/, '')}…`;
}

const namesOf = (options: { value: string; label: string }[], ids: string[]) =>
  ids.map((id) => options.find((o) => o.value === id)?.label ?? id).join('; ') || 'None';

/** An action's fields as a summary list, names instead of ids and dates in words. */
export function actionRows(action: Action, choices: ActionChoices): { key: string; value: string }[] {
  return [
    { key: 'You said', value: action.youSaid },
    { key: 'We did', value: action.weDid },
    { key: 'Status', value: actionStatusLabels[action.status] },
    ...(action.status === 'not-doing' || action.notDoingReason ? [{ key: 'Why not', value: action.notDoingReason || 'Not given' }] : []),
    { key: 'Owner', value: action.owner },
    { key: 'Target date', value: action.targetOn ? dayOf(action.targetOn) : 'None' },
    { key: 'Date it was done', value: action.doneOn ? dayOf(action.doneOn) : 'None' },
    { key: 'Themes', value: namesOf(choices.themes, action.themeIds) },
    { key: 'Consultations', value: namesOf(choices.consultations, action.consultationIds) },
    { key: 'Other priorities', value: namesOf(choices.priorities, action.priorityIds) },
    { key: 'What changed, for the public timeline', value: action.update || 'Nothing new' },
  ];
}

export const sameEmail = (a: string | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();

/**
 * A refused step on the action's page → the page again with a message: personal data to check
 * (linked to the findings), a second person needed, someone else's change, or the API's own words.
 */
export function stepFailure<K extends object>(e: unknown, url: URL, keep: K) {
  if (!(e instanceof ApiError)) throw e;
  if (e.status === 401) redirect(303, signInUrl(url, 'POST'));
  const errors: Record<string, string> = e.findings.length
    ? { confirmed: e.errors.confirmed ?? e.problem.title }
    : e.status === 403
      ? { _: 'A second person must approve this action. You sent it for approval, so ask another officer or an admin.' }
      : e.status === 409 && e.current !== undefined
        ? { _: 'Someone else changed this action while you were looking at it. Check it below, then try again.' }
        : Object.keys(e.errors).length
          ? e.errors
          : { _: e.problem.title };
  return fail(e.status, { ...keep, errors });
}
