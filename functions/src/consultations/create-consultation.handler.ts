import { consultationInput } from '@pv/shared/consultation.schema';
import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './consultations.params.ts';
import { createConsultation } from './consultations.service.ts';

export const handler = apiHandler({ access: staff, params: tenantParams, body: consultationInput, idempotent: true }, async ({ params, body, caller }) => ({
  status: 201,
  body: await createConsultation(caller!, params.tenantId, body),
}));
