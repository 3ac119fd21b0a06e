import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { roles, type Role } from '@pv/shared/auth.schema';
import { startChild, waitFor } from './processes.ts';

const require = createRequire(import.meta.url);

export const POOL_NAME = 'parent-voice-local';
export const CLIENT_NAME = 'parent-voice-web';

export interface CognitoSetup {
  endpoint: string;
  userPoolId: string;
  clientId: string;
  issuer: string;
}

export function cognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ endpoint, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/** Starts cognito-local, storing its users under dataDir (its `.cognito` folder). */
export async function startCognitoLocal({ port, dataDir }: { port: number; dataDir: string }): Promise<string> {
  const cognitoDir = join(dataDir, '.cognito');
  mkdirSync(join(cognitoDir, 'db'), { recursive: true });
  // Tokens must name the issuer on the port we really use, or the JWT checks fail.
  writeFileSync(
    join(cognitoDir, 'config.json'),
    JSON.stringify({ TokenConfig: { IssuerDomain: `http://localhost:${port}` }, ServerConfig: { port, hostname: '127.0.0.1' } }, null, 2),
  );
  const bin = require.resolve('cognito-local/lib/bin/start.js');
  startChild('cognito-local', process.execPath, [bin], { cwd: dataDir, env: { ...process.env, PORT: String(port) } });
  const endpoint = `http://localhost:${port}`;
  await waitFor('cognito-local', async () => {
    await cognitoClient(endpoint).send(new ListUserPoolsCommand({ MaxResults: 10 }));
    return true;
  });
  return endpoint;
}

/** Finds or creates the pool, its app client and the role groups. Safe to run at every start. */
export async function ensureUserPool(endpoint: string): Promise<CognitoSetup> {
  const cognito = cognitoClient(endpoint);
  const pools = await cognito.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === POOL_NAME)?.Id;
  if (!userPoolId) {
    const created = await cognito.send(
      new CreateUserPoolCommand({
        PoolName: POOL_NAME,
        UsernameAttributes: ['email'],
        Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: true }],
        Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: false } },
      }),
    );
    userPoolId = created.UserPool!.Id!;
  }
  const clients = await cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
  let clientId = clients.UserPoolClients?.find((c) => c.ClientName === CLIENT_NAME)?.ClientId;
  if (!clientId) {
    const created = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: CLIENT_NAME,
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    clientId = created.UserPoolClient!.ClientId!;
  }
  for (const role of roles) {
    try {
      await cognito.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role }));
    } catch (error) {
      if ((error as Error).name !== 'GroupExistsException') throw error;
    }
  }
  return { endpoint, userPoolId, clientId, issuer: `${endpoint}/${userPoolId}` };
}

export interface StaffUser {
  email: string;
  password: string;
  tenantId: string;
  role: Role;
  name: string;
}

/** Creates a user with a permanent password unless they exist, and makes sure they are in their group. Safe to repeat. */
export async function ensureUser(setup: CognitoSetup, user: StaffUser): Promise<void> {
  const cognito = cognitoClient(setup.endpoint);
  let exists = true;
  try {
    await cognito.send(new AdminGetUserCommand({ UserPoolId: setup.userPoolId, Username: user.email }));
  } catch (error) {
    if ((error as Error).name !== 'UserNotFoundException') throw error;
    exists = false;
  }
  if (!exists) {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: setup.userPoolId,
        Username: user.email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: user.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: user.name },
          { Name: 'custom:tenant', Value: user.tenantId },
        ],
      }),
    );
    await cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId: setup.userPoolId, Username: user.email, Password: user.password, Permanent: true }),
    );
  }
  // Adding a member twice is harmless; doing it every time repairs a start that stopped half-way.
  await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: setup.userPoolId, Username: user.email, GroupName: user.role }));
}

/** Demo staff. Local only: these passwords are printed at start and are not secrets. */
export const demoStaff: StaffUser[] = [
  { email: 'admin@notts.example', password: 'Demo-admin-2026', tenantId: 'notts', role: 'admin', name: 'Amira Khan (admin)' },
  { email: 'officer@notts.example', password: 'Demo-officer-2026', tenantId: 'notts', role: 'officer', name: 'Owen Price (officer)' },
  { email: 'officer2@notts.example', password: 'Demo-officer-2026', tenantId: 'notts', role: 'officer', name: 'Sam Reid (second officer)' },
  { email: 'safeguarding@notts.example', password: 'Demo-officer-2026', tenantId: 'notts', role: 'officer', name: 'Dee Clarke (safeguarding lead)' },
  { email: 'partner@notts.example', password: 'Demo-partner-2026', tenantId: 'notts', role: 'partner', name: 'Priya Shah (partner)' },
  { email: 'admin@leics.example', password: 'Demo-admin-2026', tenantId: 'leics', role: 'admin', name: 'Lena Moss (admin)' },
  { email: 'officer@leics.example', password: 'Demo-officer-2026', tenantId: 'leics', role: 'officer', name: 'Leo Grant (officer)' },
];
