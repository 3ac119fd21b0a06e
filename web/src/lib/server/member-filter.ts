import { memberStatuses, type MemberStatus } from '@pv/shared/panel.schema';
import type { MemberFilterQuery } from './api';
import { sixMonthsAgo } from './officer';

/** The members list's filter, from the page's query string (a GET form, so it works without JavaScript). */
export interface MemberFilterValues {
  status: string;
  hubId: string;
  q: string;
  notInvolved: boolean;
}

export function readMemberFilter(url: URL, hubIds: string[]): { values: MemberFilterValues; query: MemberFilterQuery } {
  const p = url.searchParams;
  const status = p.get('status') ?? '';
  const hubId = p.get('hubId') ?? '';
  const q = (p.get('q') ?? '').trim().slice(0, 100);
  const notInvolved = p.get('notInvolved') === 'yes';
  const values = {
    status: (memberStatuses as readonly string[]).includes(status) ? status : '',
    hubId: hubIds.includes(hubId) ? hubId : '',
    q,
    notInvolved,
  };
  return {
    values,
    query: {
      status: (values.status || undefined) as MemberStatus | undefined,
      hubId: values.hubId || undefined,
      q: q || undefined,
      notInvolvedSince: notInvolved ? sixMonthsAgo() : undefined,
    },
  };
}

/** The same filter as a query string, for links (the CSV download, coming back after an action). */
export function filterSearch(values: MemberFilterValues): string {
  const p = new URLSearchParams();
  if (values.status) p.set('status', values.status);
  if (values.hubId) p.set('hubId', values.hubId);
  if (values.q) p.set('q', values.q);
  if (values.notInvolved) p.set('notInvolved', 'yes');
  const s = p.toString();
  return s ? `?${s}` : '';
}
