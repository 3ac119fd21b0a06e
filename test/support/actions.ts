import { actionInput, type Action, type ActionInput } from '@pv/shared/action.schema';
import type { Caller } from '@pv/shared/auth.schema';
import type { Feedback } from '@pv/shared/feedback.schema';
import { approveAction, createAction, findingsFor, submitAction, updateAction } from '../../functions/src/actions/actions.service.ts';
import { createTheme } from '../../functions/src/feedback/themes.service.ts';
import { newId } from '../../functions/src/platform/ids.ts';
import { comment, seedComments } from './feedback.ts';
import { officerCaller } from './panels.ts';

/** "You said, we did" actions for tests, made the way officers make them: comments → theme → draft → sent → approved by someone else. */

export function approverCaller(tenantId: string): Caller {
  return { sub: `approver-${tenantId}`, email: `approver@${tenantId}.example`, tenantId, roles: ['officer'] };
}

/** Comments in a new theme; returns the theme's id. */
export async function themeOf(tenantId: string, comments: Partial<Feedback>[]): Promise<string> {
  const seeded = await seedComments(tenantId, comments.map((c) => comment(c)));
  const theme = await createTheme(officerCaller(tenantId), tenantId, { name: `Theme ${newId().slice(-10)}`, description: '' }, seeded.map((c) => c.id));
  return theme.id;
}

export function actionFields(overrides: Partial<Record<keyof ActionInput, unknown>>): ActionInput {
  return actionInput.parse({
    youSaid: 'Waiting lists for support are long and nobody keeps in touch while you wait.',
    weDid: 'A named worker now rings every family on the waiting list once a month.',
    status: 'in-progress',
    owner: 'Family Hubs team',
    ...overrides,
  });
}

/** Sends a draft for approval (confirming whatever the personal-data check finds: test words only) and approves it. */
async function sendAndApprove(tenantId: string, draft: Action): Promise<Action> {
  const confirmed = (await findingsFor(tenantId, draft)).map((f) => f.key);
  const sent = await submitAction(officerCaller(tenantId), tenantId, draft.id, draft.version, confirmed);
  return (await approveAction(approverCaller(tenantId), tenantId, sent.id, sent.version)).action;
}

export async function publishAction(tenantId: string, input: ActionInput): Promise<Action> {
  return sendAndApprove(tenantId, await createAction(officerCaller(tenantId), tenantId, input));
}

/** A published action changed and approved again (a new entry on its timeline). */
export async function republishAction(tenantId: string, action: Action, input: ActionInput): Promise<Action> {
  return sendAndApprove(tenantId, await updateAction(officerCaller(tenantId), tenantId, action.id, action.version, input));
}

export const draftAction = (tenantId: string, input: ActionInput) => createAction(officerCaller(tenantId), tenantId, input);
