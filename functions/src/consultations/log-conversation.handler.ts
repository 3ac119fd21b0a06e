import { conversationInput } from '@pv/shared/consultation.schema';
import { apiHandler } from '../platform/http.ts';
import { consultationParams, staff } from './consultations.params.ts';
import { logConversation } from './consultations.service.ts';

export const handler = apiHandler({ access: staff, params: consultationParams, body: conversationInput, idempotent: true }, async ({ params, body, caller }) => ({
  status: 201,
  body: await logConversation(caller!, params.tenantId, params.consultationId, body),
}));
