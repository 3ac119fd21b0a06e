import { apiHandler } from '../platform/http.ts';
import { tenantParams } from '../tenants/tenants.params.ts';
import { publicConsultations } from './consultations.service.ts';

export const handler = apiHandler({ access: { public: true }, params: tenantParams }, async ({ params }) => ({ body: await publicConsultations(params.tenantId) }));
