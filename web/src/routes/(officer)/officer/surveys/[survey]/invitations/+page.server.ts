import { redirect } from '@sveltejs/kit';
import { inviteInput, type InviteResult } from '@pv/shared/survey.schema';
import { createOnce, newIdempotencyKey, readWith, valuesOf } from '$lib/server/forms';
import { orFail } from '$lib/server/officer';
import { officerSurvey, surveyHref } from '$lib/server/survey-staff';
import type { Actions, PageServerLoad } from './$types';

/**
 * Inviting panel members to a survey: everyone on the open panels, one panel, or the members in a
 * group; then reminders to those who haven't answered. The API sends the emails (one personal link
 * each) and says how many it invited, reminded, could not email, had already invited and had
 * already heard from; the page repeats that after a redirect, then shows the take-up per panel.
 */

const counts = ['invited', 'reminded', 'noEmail', 'alreadyInvited', 'alreadyAnswered'] as const satisfies readonly (keyof InviteResult)[];

const people = (n: number) => (n === 1 ? '1 member' : `${n.toLocaleString('en-GB')} members`);
const were = (n: number, one: string, many: string) => `${people(n)} ${n === 1 ? one : many}`;

/** What the last invitation or reminder did, in words, from the redirect's query. */
function outcome(url: URL) {
  const sent = url.searchParams.get('sent');
  if (sent !== 'invite' && sent !== 'remind') return undefined;
  const number = (k: keyof InviteResult) => Math.max(0, Number.parseInt(url.searchParams.get(k) ?? '0', 10) || 0);
  const n: InviteResult = { invited: number('invited'), reminded: number('reminded'), noEmail: number('noEmail'), alreadyInvited: number('alreadyInvited'), alreadyAnswered: number('alreadyAnswered') };
  const lines: { key: keyof InviteResult; text: string }[] = [];
  if (sent === 'invite') {
    if (n.invited) lines.push({ key: 'invited', text: `${were(n.invited, 'invited', 'invited')} by email` });
    if (n.alreadyInvited) lines.push({ key: 'alreadyInvited', text: `${were(n.alreadyInvited, 'was', 'were')} invited before, so not emailed again` });
  } else {
    if (n.reminded) lines.push({ key: 'reminded', text: `${were(n.reminded, 'reminded', 'reminded')} by email` });
    if (n.alreadyInvited) lines.push({ key: 'alreadyInvited', text: `${were(n.alreadyInvited, 'was', 'were')} invited or reminded less than a day ago, so not reminded yet` });
  }
  if (n.noEmail) lines.push({ key: 'noEmail', text: `${were(n.noEmail, 'has', 'have')} no email address: invite them by phone or on paper` });
  if (n.alreadyAnswered) lines.push({ key: 'alreadyAnswered', text: `${were(n.alreadyAnswered, 'has', 'have')} already answered` });
  const heading =
    sent === 'invite'
      ? n.invited
        ? `${people(n.invited)} invited`
        : 'Nobody new to invite'
      : n.reminded
        ? `${n.reminded === 1 ? '1 reminder' : `${n.reminded.toLocaleString('en-GB')} reminders`} sent`
        : 'No reminders sent';
  return { heading, lines };
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId, surveyId, survey } = await officerSurvey(locals, url, params.survey);
  const base = surveyHref(surveyId);
  const summary = { id: survey.id, title: survey.title, status: survey.effectiveStatus, audience: survey.audience };
  if (survey.audience === 'public') {
    return { survey: summary, base, forPanels: false as const };
  }
  const [panels, config, stats] = await Promise.all([
    orFail(client.panels(tenantId), url),
    orFail(client.config(tenantId), url),
    orFail(client.invitationStats(tenantId, surveyId), url),
  ]);
  const percent = (rate: number | null) => (rate === null ? '–' : `${Number.isInteger(rate) ? rate : rate.toFixed(1)}%`);
  return {
    survey: summary,
    base,
    forPanels: true as const,
    outcome: outcome(url),
    panels: panels
      .filter((p) => p.status === 'active')
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => ({ value: p.id, label: `${p.name} (${people(p.memberCount)})` })),
    groups: config.group
      .filter((g) => g.status === 'active')
      .sort((a, b) => a.order - b.order)
      .map((g) => ({ value: g.id, label: g.name })),
    stats: {
      panels: stats.panels.map((p) => ({ id: p.panelId, name: p.panelName, invited: p.invited, answered: p.answered, rate: percent(p.rate) })),
      invited: stats.invited,
      answered: stats.answered,
      rate: percent(stats.rate),
    },
    inviteKey: newIdempotencyKey(),
    remindKey: newIdempotencyKey(),
  };
};

function sentTo(surveyId: string, kind: 'invite' | 'remind', result: InviteResult): never {
  const query = new URLSearchParams({ sent: kind, ...Object.fromEntries(counts.map((k) => [k, String(result[k] ?? 0)])) });
  redirect(303, `${surveyHref(surveyId)}/invitations?${query.toString()}#outcome`);
}

export const actions: Actions = {
  invite: async ({ request, locals, url, params }) => {
    const { client, tenantId, surveyId } = await officerSurvey(locals, url, params.survey);
    const form = await request.formData();
    const values = valuesOf(form, ['scope', 'panelId', 'groupId']);
    const sent = await createOnce(
      form,
      readWith(inviteInput, { ...values, reminder: false }, values),
      // Only the list that goes with the choice is sent (the other select may still hold a value).
      ({ scope, panelId, groupId }, key) =>
        client.inviteToSurvey(tenantId, surveyId, { scope, ...(scope === 'panel' ? { panelId } : {}), ...(scope === 'group' ? { groupId } : {}), reminder: false }, key),
      {
        url,
        alreadyUsed: 'This form was already used to send invitations. Check the table below first. If the people you want are not there, select “Send invitations” again.',
        keep: { action: 'invite' as const },
      },
    );
    if (!sent.ok) return sent.failure;
    sentTo(surveyId, 'invite', sent.value);
  },

  remind: async ({ request, locals, url, params }) => {
    const { client, tenantId, surveyId } = await officerSurvey(locals, url, params.survey);
    const form = await request.formData();
    const sent = await createOnce(form, { values: {}, input: { scope: 'all' as const, reminder: true } }, (input, key) => client.inviteToSurvey(tenantId, surveyId, input, key), {
      url,
      alreadyUsed: 'These reminders were already sent. Reload the page to send more.',
      keep: { action: 'remind' as const },
    });
    if (!sent.ok) return sent.failure;
    sentTo(surveyId, 'remind', sent.value);
  },
};
