import { inject } from 'vitest';
import { resetConfig } from '../../functions/src/platform/config.ts';

// Test files call services and repositories directly, against the same DynamoDB Local the API uses.
Object.assign(process.env, inject('env').functionEnv);
resetConfig();
