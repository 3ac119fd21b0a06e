import { meetingFormatLabels } from '@pv/shared/panel.schema';
import { hubName, meetingDay, monthOf, networkName, officerContext, orFail, panelIdOf, today } from '$lib/server/officer';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const { client, tenantId } = officerContext(locals, url);
  const panelId = panelIdOf(params.panel);
  const panel = await orFail(client.panel(tenantId, panelId), url);
  const [config, views, meetings, participation] = await Promise.all([
    orFail(client.config(tenantId), url),
    orFail(client.representation(tenantId), url),
    orFail(client.meetings(tenantId, panelId), url),
    orFail(client.participation(tenantId, panelId), url),
  ]);
  const day = today();
  // Closed panels are not counted (the API shows active panels only).
  const representation = views.find((v) => v.scope.kind === 'panel' && v.scope.panelId === panelId);
  const meetingRow = (m: (typeof meetings)[number]) => ({
    id: m.id,
    title: m.title,
    when: `${meetingDay(m.date)}, ${m.time}`,
    where: [hubName(config, m.hubId), m.place].filter(Boolean).join(', ') || meetingFormatLabels[m.format],
    format: meetingFormatLabels[m.format],
    invited: m.invited,
    attended: m.attendanceRecorded ? m.attended : undefined,
  });
  return {
    panel: {
      id: panel.id,
      name: panel.name,
      description: panel.description,
      network: networkName(config, panel.networkId),
      recruiting: panel.recruiting,
      status: panel.status,
      // The panel's size is a count of people: the protected figure, never the raw count on the panel item.
      members: representation ? (representation.members.count ?? null) : undefined,
      pending: panel.pendingCount,
      target: panel.targetSize,
    },
    saved: url.searchParams.has('saved'),
    representation,
    upcoming: meetings.filter((m) => m.date >= day).reverse().map(meetingRow),
    past: meetings.filter((m) => m.date < day).map(meetingRow),
    participation: {
      months: participation.months.map((m) => ({ ...m, label: monthOf(m.month) })),
      threshold: participation.threshold,
      notInvolved: participation.notInvolvedFor6Months,
    },
  };
};
