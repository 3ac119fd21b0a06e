import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { notFound } from '@pv/shared/errors';
import { version } from '@pv/shared/validation';
import { tenantParams } from '../tenants/tenants.params.ts';

const surveyId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, { error: 'There is no survey with this id' });
const partId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, { error: 'There is no such part of the survey' });

export const surveyParams = tenantParams.extend({ surveyId });
export const sectionParams = surveyParams.extend({ sectionId: partId });
export const questionParams = surveyParams.extend({ questionId: partId });
export const versionBody = z.object({ version });

export const staff = { roles: ['officer', 'admin'] } as const;

/** The header the web server sends with the draft token from its cookie (or from an invitation). */
export const DRAFT_HEADER = 'x-survey-draft';

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1];
}

export function draftToken(event: APIGatewayProxyEventV2): string {
  const token = header(event, DRAFT_HEADER);
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) {
    throw notFound('We could not find your saved answers. They are kept for 30 days; you can start the survey again.');
  }
  return token;
}
