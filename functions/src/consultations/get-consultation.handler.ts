import { apiHandler } from '../platform/http.ts';
import { consultationParams, staff } from './consultations.params.ts';
import { getConsultation } from './consultations.service.ts';

export const handler = apiHandler({ access: staff, params: consultationParams }, async ({ params }) => ({
  body: await getConsultation(params.tenantId, params.consultationId),
}));
