import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { resetConfig } from '../platform/config.ts';
import { startApiServer } from './api-server.ts';
import { demoStaff, ensureUser, ensureUserPool, startCognitoLocal, type CognitoSetup } from './cognito-local.ts';
import { ensureTable, startDynamoDbLocal } from './dynamodb-local.ts';
import { startMailCatcher } from './mail-catcher.ts';
import { portIsFree, stopChildren } from './processes.ts';
import { seedDemo } from './seed/seed.ts';
import { startStreamPoller } from './stream-poller.ts';
import { sendLoopDigests } from '../actions/closing-the-loop.ts';

/**
 * The whole back end on one machine: DynamoDB Local, cognito-local, MailDev, the stream poller that
 * plays the outbox Lambda, and the local API server. Used by `npm start` and by the tests.
 */
export interface Ports {
  dynamodb: number;
  cognito: number;
  smtp: number;
  mailWeb: number;
  api: number;
}

export const defaultPorts: Ports = { dynamodb: 8000, cognito: 9229, smtp: 1025, mailWeb: 1080, api: 3001 };

export interface LocalEnvironment {
  ports: Ports;
  dynamodbEndpoint: string;
  cognito: CognitoSetup;
  mailInbox: string;
  apiUrl: string;
  tableName: string;
  /** What the functions read (functions/src/platform/config.ts). */
  functionEnv: Record<string, string>;
  stop: () => Promise<void>;
}

export interface StartOptions {
  ports?: Ports;
  /** Persist data here; without it everything is in memory (and cognito in a temp folder). */
  dataDir: string;
  persist: boolean;
  reset?: boolean;
  seed?: boolean;
  tableName?: string;
  /** The web's address, for links in emails. */
  webUrl?: string;
  /** PV_LIMIT_SCALE for the functions (browser tests: all their journeys share 127.0.0.1). */
  limitScale?: number;
  log?: (line: string) => void;
}

export async function startLocalEnvironment(options: StartOptions): Promise<LocalEnvironment> {
  const ports = options.ports ?? defaultPorts;
  const log = options.log ?? (() => undefined);
  const tableName = options.tableName ?? 'parent-voice-local';
  if (options.reset) rmSync(options.dataDir, { recursive: true, force: true });

  const busy = [];
  for (const [name, port] of Object.entries(ports)) if (!(await portIsFree(port))) busy.push(`${name} (${port})`);
  if (busy.length) {
    throw new Error(`These ports are already in use: ${busy.join(', ')}. Is Parent Voice already running in another terminal?`);
  }

  try {
    log('Starting DynamoDB Local, cognito-local and MailDev…');
    const [dynamodbEndpoint, cognitoEndpoint, mailInbox] = await Promise.all([
      startDynamoDbLocal({ port: ports.dynamodb, dataDir: options.persist ? join(options.dataDir, 'dynamodb') : undefined }),
      startCognitoLocal({ port: ports.cognito, dataDir: join(options.dataDir, 'cognito') }),
      startMailCatcher({ smtpPort: ports.smtp, webPort: ports.mailWeb, dataDir: options.persist ? join(options.dataDir, 'mail') : undefined }),
    ]);
    await ensureTable(dynamodbEndpoint, tableName);
    const cognito = await ensureUserPool(cognitoEndpoint);

    const functionEnv: Record<string, string> = {
      TABLE_NAME: tableName,
      AWS_REGION: 'eu-west-2',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      DYNAMODB_ENDPOINT: dynamodbEndpoint,
      COGNITO_ISSUER: cognito.issuer,
      COGNITO_CLIENT_ID: cognito.clientId,
      COGNITO_JWKS_URL: `${cognito.issuer}/.well-known/jwks.json`,
      COGNITO_ENDPOINT: cognito.endpoint,
      MAIL_TRANSPORT: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(ports.smtp),
      PUBLIC_WEB_URL: options.webUrl ?? 'http://localhost:5173',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      // A fresh secret each start: the web server signs the browser's address with it (x-pv-client).
      PV_CLIENT_SECRET: randomBytes(32).toString('hex'),
      ...(options.limitScale ? { PV_LIMIT_SCALE: String(options.limitScale) } : {}),
    };
    // The API server runs the handlers in this process, so they read this environment.
    Object.assign(process.env, functionEnv);
    resetConfig();

    if (options.seed !== false) {
      log('Seeding the demo partnerships and staff…');
      await seedDemo();
      for (const user of demoStaff) await ensureUser(cognito, user);
    }

    const stopPoller = startStreamPoller({ endpoint: dynamodbEndpoint, tableName });
    // AWS runs the "you said, we did" digest job once a day; locally every 10 minutes (tests call it directly).
    const digests = setInterval(() => void sendLoopDigests().catch((e: Error) => process.stderr.write(`loop digests: ${e.message}\n`)), 10 * 60 * 1000);
    digests.unref();
    const api = await startApiServer(ports.api);

    return {
      ports,
      dynamodbEndpoint,
      cognito,
      mailInbox,
      apiUrl: api.url,
      tableName,
      functionEnv,
      stop: async () => {
        stopPoller();
        clearInterval(digests);
        await new Promise<void>((resolve) => api.server.close(() => resolve()));
        api.server.closeAllConnections();
        await stopChildren();
      },
    };
  } catch (error) {
    await stopChildren();
    throw error;
  }
}

/** The environment the SvelteKit server needs to reach this local stack. */
export function webEnvironment(env: LocalEnvironment, webPort: number): Record<string, string> {
  return {
    API_URL: env.apiUrl,
    MAIL_INBOX_URL: env.mailInbox,
    ORIGIN: `http://localhost:${webPort}`,
    PORT: String(webPort),
    HOST: '127.0.0.1',
    PV_CLIENT_SECRET: env.functionEnv.PV_CLIENT_SECRET!,
  };
}
