import * as z from 'zod';
import { slug } from '@pv/shared/validation';
import { tenantParams } from '../tenants/tenants.params.ts';

const ulid = (what: string) => z.string().regex(/^[0-9A-Z]{26}$/, { error: `There is no ${what} with this id` });

export const panelParams = tenantParams.extend({ panelId: slug });
export const memberParams = panelParams.extend({ memberId: ulid('member') });
export const meetingParams = panelParams.extend({ meetingId: ulid('meeting') });
export const myMeetingParams = tenantParams.extend({ meetingId: ulid('meeting') });

export const tokenBody = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, { error: 'This link is not complete. Copy the whole link from the email.' }) });

export const staff = { roles: ['officer', 'admin'] } as const;
