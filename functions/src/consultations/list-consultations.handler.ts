import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { staff } from './consultations.params.ts';
import { listConsultations } from './consultations.service.ts';

export const handler = apiHandler({ access: staff, params: tenantParams }, async ({ params }) => ({ body: await listConsultations(params.tenantId) }));
