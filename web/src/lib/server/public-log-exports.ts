import { actionStatusLabels, type PublicAction } from '@pv/shared/action.schema';
import type { PublicTenant } from '@pv/shared/config.schema';
import { csvFile } from '@pv/shared/csv';
import { logNames, namesOf, type LogNames } from '../public-log.ts';

/**
 * The published "you said, we did" log as open data (JSON, CSV) and as an Atom feed. Only the
 * fields named here are written: what the public log already shows, nothing else an API item
 * might carry.
 */

export const LICENCE = 'Open Government Licence v3.0';

const named = (ids: string[], names: Map<string, string>) => ids.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id)! }] : []));

/** One action as open data: ids with their names, and the address of its page. */
export function openDataItem(a: PublicAction, names: LogNames, url: string) {
  return {
    id: a.id,
    url,
    youSaid: a.youSaid,
    weDid: a.weDid,
    status: a.status,
    statusLabel: actionStatusLabels[a.status],
    notDoingReason: a.notDoingReason,
    owner: a.owner,
    targetOn: a.targetOn,
    doneOn: a.doneOn,
    timeline: a.timeline.map((t) => ({ on: t.on, status: t.status, note: t.note })),
    priorities: named(a.priorityIds, names.priorities),
    hubNetworks: named(a.networkIds, names.networks),
    hubs: named(a.hubIds, names.hubs),
    groups: named(a.groups, names.groups),
    /** null: fewer comments than the partnership's threshold for showing a number. */
    basedOn: a.basedOn,
    consultationIds: a.consultationIds,
    publishedOn: a.publishedOn,
    updatedOn: a.updatedOn,
  };
}

export function actionsJson(tenant: PublicTenant, actions: PublicAction[], actionUrl: (id: string) => string, now = new Date()): string {
  const names = logNames(tenant);
  return JSON.stringify(
    {
      partnership: { id: tenant.id, name: tenant.name },
      generatedAt: now.toISOString(),
      licence: LICENCE,
      items: actions.map((a) => openDataItem(a, names, actionUrl(a.id))),
    },
    null,
    2,
  );
}

const csvHeader = ['id', 'you said', 'we did', 'status', 'why not', 'owner', 'target date', 'done date', 'priorities', 'hub networks', 'hubs', 'groups', 'based on', 'published', 'updated'];

/** One row an action; lists of names joined with "; " (survey-csv.ts quotes every cell and defuses formulas). */
export function actionsCsv(tenant: PublicTenant, actions: PublicAction[]): string {
  const names = logNames(tenant);
  const join = (ids: string[], map: Map<string, string>) => namesOf(ids, map).join('; ');
  const rows = actions.map((a) => [
    a.id,
    a.youSaid,
    a.weDid,
    actionStatusLabels[a.status],
    a.notDoingReason,
    a.owner,
    a.targetOn,
    a.doneOn,
    join(a.priorityIds, names.priorities),
    join(a.networkIds, names.networks),
    join(a.hubIds, names.hubs),
    join(a.groups, names.groups),
    a.basedOn ?? `fewer than ${tenant.suppressionThreshold}`,
    a.publishedOn,
    a.updatedOn,
  ]);
  return csvFile([csvHeader, ...rows]);
}

// XML 1.0 allows tab, line feed, carriage return and everything from space up, less the surrogates and U+FFFE/U+FFFF.
const notXml = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for an XML element or attribute: escaped, and characters XML cannot hold removed. */
export function xml(text: string): string {
  return text.replace(notXml, '').replace(/[&<>"']/g, (c) => xmlEntities[c]!);
}

const atomDate = (day: string) => `${day.slice(0, 10)}T00:00:00Z`;

/** Atom 1.0: an entry an action, newest first; `base` is the log's absolute address. */
export function atomFeed(tenant: PublicTenant, actions: PublicAction[], base: string, now = new Date()): string {
  const updated = actions.reduce((latest, a) => (a.updatedOn > latest ? a.updatedOn : latest), '');
  const entries = actions.map((a) => {
    const link = `${base}/${a.id}`;
    const status = actionStatusLabels[a.status];
    const content = `We did: ${a.weDid}\n\nStatus: ${status}${a.status === 'not-doing' && a.notDoingReason ? `. Why not: ${a.notDoingReason}` : ''}`;
    return [
      '  <entry>',
      `    <id>${xml(link)}</id>`,
      `    <title>${xml(`You said: ${a.youSaid}`)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xml(link)}"/>`,
      `    <published>${atomDate(a.publishedOn)}</published>`,
      `    <updated>${atomDate(a.updatedOn)}</updated>`,
      `    <content type="text">${xml(content)}</content>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    `  <id>${xml(base)}</id>`,
    `  <title>${xml(`You said, we did – ${tenant.name}`)}</title>`,
    `  <subtitle>${xml(`What families told ${tenant.name}, and what was done about it.`)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(`${base}/feed.xml`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(base)}"/>`,
    `  <updated>${updated ? atomDate(updated) : now.toISOString().replace(/\.\d{3}Z$/, 'Z')}</updated>`,
    `  <author><name>${xml(tenant.name)}</name></author>`,
    `  <rights>${xml(LICENCE)}</rights>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
