import { consultationUpdateInput } from '@pv/shared/consultation.schema';
import { apiHandler } from '../platform/http.ts';
import { consultationParams, staff } from './consultations.params.ts';
import { updateConsultation } from './consultations.service.ts';

export const handler = apiHandler({ access: staff, params: consultationParams, body: consultationUpdateInput }, async ({ params, body, caller }) => {
  const { version, ...input } = body;
  return { body: await updateConsultation(caller!, params.tenantId, params.consultationId, version, input) };
});
