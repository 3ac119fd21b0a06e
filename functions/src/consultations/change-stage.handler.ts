import { stageChangeInput } from '@pv/shared/consultation.schema';
import { apiHandler } from '../platform/http.ts';
import { consultationParams, staff } from './consultations.params.ts';
import { changeStage } from './consultations.service.ts';

export const handler = apiHandler({ access: staff, params: consultationParams, body: stageChangeInput }, async ({ params, body, caller }) => ({
  body: await changeStage(caller!, params.tenantId, params.consultationId, body.version, body.stage),
}));
