import { Tags, type App } from 'aws-cdk-lib';
import { ApiStack } from './api-stack.ts';
import { AuthStack } from './auth-stack.ts';
import { DataStack } from './data-stack.ts';
import { EdgeStack } from './edge-stack.ts';
import { readSettings, type Settings } from './settings.ts';
import { WebStack } from './web-stack.ts';

export interface ParentVoiceStacks {
  settings: Settings;
  data: DataStack;
  auth: AuthStack;
  api: ApiStack;
  /** The CloudFront web ACL (us-east-1); absent with `-c webAcl=none` or `-c webAclArn=…`. */
  edge: EdgeStack | undefined;
  web: WebStack;
}

export interface ParentVoiceOptions {
  /** Tests point the web stack at a fixture instead of web/. */
  webRoot?: string;
}

/**
 * The stacks, one per lifecycle: data (stateful, deployed alone), auth, api, web, and edge (the
 * CloudFront web ACL, which must be in us-east-1).
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
  const edge =
    settings.webAcl.mode === 'create'
      ? new EdgeStack(app, name('Edge'), {
          env: settings.account ? { account: settings.account } : undefined,
          description: 'Parent Voice: the WAF web ACL in front of CloudFront (us-east-1)',
          envName: settings.envName,
        })
      : undefined;
  const web = new WebStack(app, name('Web'), {
    env,
    description: 'Parent Voice: SvelteKit SSR, static assets and CloudFront',
    settings,
    apiUrl: api.httpApi.apiEndpoint,
    clientSecret: api.clientSecret,
    webAclArn: edge ? edge.webAclArnOutput : settings.webAcl.mode === 'existing' ? settings.webAcl.arn : undefined,
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  });

  // Fn::GetStackOutput carries no dependency of its own: the ACL must exist before the distribution names it.
  if (edge) web.addStackDependency(edge, 'CloudFront attaches the web ACL');

  Tags.of(app).add('project', 'parent-voice');
  Tags.of(app).add('environment', settings.envName);
  return { settings, data, auth, api, edge, web };
}
