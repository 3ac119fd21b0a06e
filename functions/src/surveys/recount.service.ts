import { addInto } from './survey-counters.ts';
import * as repo from './surveys.repository.ts';
import { requireSurvey } from './surveys.service.ts';

/**
 * The counters a survey's stored responses add up to, read from the responses themselves (every page).
 * The live counters are kept at write time; this is the check that they agree (tests, and a repair
 * job if they ever do not). Key sums are rebuilt beside the counts from each response's record key;
 * a response stored before record keys existed counts with key 0, as it did when it was counted live.
 */
export async function recountSurvey(tenantId: string, surveyId: string): Promise<Map<string, Map<string, number>>> {
  const survey = await requireSurvey(tenantId, surveyId, true);
  const totals = new Map<string, Map<string, number>>();
  let cursor: string | undefined;
  do {
    const page = await repo.listResponses(tenantId, surveyId, 500, cursor);
    for (const r of page.items) addInto(totals, survey.definition, { day: r.day, channel: r.channel, networkId: r.networkId, groups: r.groups, answers: r.answers, recordKey: r.recordKey });
    cursor = page.next;
  } while (cursor);
  return totals;
}
