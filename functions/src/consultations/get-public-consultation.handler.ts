import { apiHandler } from '../platform/http.ts';
import { consultationParams } from './consultations.params.ts';
import { publicConsultation } from './consultations.service.ts';

export const handler = apiHandler({ access: { public: true }, params: consultationParams }, async ({ params }) => ({
  body: await publicConsultation(params.tenantId, params.consultationId),
}));
