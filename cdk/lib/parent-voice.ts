import { Tags, type App } from 'aws-cdk-lib';
import { ApiStack } from './api-stack.ts';
import { AuthStack } from './auth-stack.ts';
import { DataStack } from './data-stack.ts';
import { readSettings, type Settings } from './settings.ts';
import { WebStack } from './web-stack.ts';

export interface ParentVoiceStacks {
  settings: Settings;
  data: DataStack;
  auth: AuthStack;
  api: ApiStack;
  web: WebStack;
}

export interface ParentVoiceOptions {
  /** Tests point the web stack at a fixture instead of web/. */
  webRoot?: string;
}

/**
 * The four stacks, one per lifecycle: data (stateful, deployed alone), auth, api, web.
 * Stack names carry the environment (`ParentVoice-dev-Data`), so environments never collide.
 */
export function addParentVoice(app: App, options: ParentVoiceOptions = {}): ParentVoiceStacks {
  const settings = readSettings(app.node);
  const env = settings.account || settings.region ? { account: settings.account, region: settings.region } : undefined;
  const name = (part: string) => `ParentVoice-${settings.envName}-${part}`;
  const common = { env, envName: settings.envName };

  const data = new DataStack(app, name('Data'), {
    ...common,
    description: 'Parent Voice: the DynamoDB table (stateful; retained on delete)',
    terminationProtection: true,
  });
  const auth = new AuthStack(app, name('Auth'), {
    ...common,
    description: 'Parent Voice: Cognito user pool, groups and the web client',
    featurePlan: settings.cognitoFeaturePlan,
    terminationProtection: true,
  });
  const api = new ApiStack(app, name('Api'), {
    env,
    description: 'Parent Voice: HTTP API, its functions and the outbox sender',
    settings,
    tableName: data.tableName,
    tableStreamArn: data.table.tableStreamArn!,
    issuer: auth.issuer,
    clientId: auth.webClient.userPoolClientId,
  });
  const web = new WebStack(app, name('Web'), {
    env,
    description: 'Parent Voice: SvelteKit SSR, static assets and CloudFront',
    settings,
    apiUrl: api.httpApi.apiEndpoint,
    issuer: auth.issuer,
    clientId: auth.webClient.userPoolClientId,
    clientSecret: api.clientSecret,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  });

  Tags.of(app).add('project', 'parent-voice');
  Tags.of(app).add('environment', settings.envName);
  return { settings, data, auth, api, web };
}
