import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { routes, type RouteDefinition } from '../../functions/src/routes.ts';
import { ApiStack, domainOf, functionIdFor, routesStackIdFor } from '../../cdk/lib/api-stack.ts';
import type { ApiFunction } from '../../cdk/lib/constructs/api-function.ts';
import { readSettings } from '../../cdk/lib/settings.ts';
import {
  apiResourcesOf,
  apiTemplateOf,
  cdkContext,
  defaultTemplates,
  logicalIdOf,
  onlyResourceOf,
  resourcesById,
  resourcesOf,
  synthTemplates,
  type Resource,
  type Templates,
} from './parent-voice-app.fixture.ts';

const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

/** Every route of the API (parent and nested stacks), by route key, with the domain whose stack holds it. */
function routesByKey(templates: Templates = defaultTemplates()): Map<string, Resource & { domain: string | undefined }> {
  const found = new Map<string, Resource & { domain: string | undefined }>();
  const place = (template: Template, domain: string | undefined) => {
    for (const [, route] of resourcesOf(template, 'AWS::ApiGatewayV2::Route')) {
      const key = route.Properties.RouteKey as string;
      if (found.has(key)) throw new Error(`${key} is deployed twice`);
      found.set(key, { ...route, domain });
    }
  };
  place(templates.api, undefined);
  for (const [domain, template] of templates.apiNested) place(template, domain);
  return found;
}

/** The logical id of the function behind a route (route → integration → function ARN), in the route's own template. */
function functionBehind(route: Resource & { domain: string | undefined }, templates: Templates = defaultTemplates()): string {
  const template = route.domain ? templates.apiNested.get(route.domain)! : templates.api;
  const integrationId = (route.Properties.Target['Fn::Join'][1] as unknown[])[1] as { Ref: string };
  const integration = resourcesById(template)[integrationId.Ref]!;
  expect(integration.Type).toBe('AWS::ApiGatewayV2::Integration');
  return integration.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
}

/**
 * What a nested stack's parameter is given by the ApiStack: the `Parameters` of the
 * AWS::CloudFormation::Stack resource of that domain in the parent template.
 */
function parentValueOf(domain: string, parameter: string, templates: Templates = defaultTemplates()): unknown {
  const nested = templates.stacks.api.routeStacks.get(domain)!;
  const resource = resourcesById(templates.api)[logicalIdOf(nested.nestedStackResource!)]!;
  expect(resource.Type).toBe('AWS::CloudFormation::Stack');
  return resource.Properties.Parameters[parameter];
}

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Every statement of the policies attached to the role of a function, read in the function's own template. */
function policyStatementsOf(fn: ApiFunction, templates: Templates = defaultTemplates()): Statement[] {
  const resources = resourcesById(apiTemplateOf(templates, fn));
  const roleId = resources[logicalIdOf(fn.fn)]!.Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement);
}

const actionsOf = (statements: { Action: string | string[] }[]) => statements.flatMap((s) => ([] as string[]).concat(s.Action));
const resourceCount = (template: Template) => Object.keys(template.toJSON().Resources).length;

describe('the HTTP API', () => {
  it('has exactly one route per entry of functions/src/routes.ts', () => {
    const deployed = [...routesByKey().keys()].sort();
    expect(deployed).toEqual(routes.map(routeKey).sort());
  });

  it('adds every route to the one HTTP API of the ApiStack', () => {
    const templates = defaultTemplates();
    const [apiId] = onlyResourceOf(templates.api, 'AWS::ApiGatewayV2::Api');
    expect(apiResourcesOf(templates, 'AWS::ApiGatewayV2::Api')).toHaveLength(1);
    for (const [key, route] of routesByKey()) {
      const parameter = (route.Properties.ApiId as { Ref: string }).Ref;
      expect(parentValueOf(route.domain!, parameter), key).toEqual({ Ref: apiId });
    }
  });

  it('puts the Cognito JWT authoriser on every non-public route and none on public ones', () => {
    const templates = defaultTemplates();
    // One authoriser, in the ApiStack; the nested stacks only refer to it.
    const [authorizerId] = onlyResourceOf(templates.api, 'AWS::ApiGatewayV2::Authorizer');
    expect(apiResourcesOf(templates, 'AWS::ApiGatewayV2::Authorizer')).toHaveLength(1);
    const deployed = routesByKey();
    for (const route of routes) {
      const deployedRoute = deployed.get(routeKey(route))!;
      const props = deployedRoute.Properties;
      if (route.public) {
        expect(props.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(props.AuthorizerId, routeKey(route)).toBeUndefined();
      } else {
        expect(props.AuthorizationType, routeKey(route)).toBe('JWT');
        // A parameter of the nested stack, which the ApiStack fills with its authoriser.
        const parameter = (props.AuthorizerId as { Ref: string }).Ref;
        expect(parentValueOf(deployedRoute.domain!, parameter), routeKey(route)).toEqual({ Ref: authorizerId });
      }
    }
    expect(routes.some((r) => r.public)).toBe(true);
    expect(routes.some((r) => !r.public)).toBe(true);
  });

  it('checks ID tokens of the user pool: issuer is the pool, audience the web client', () => {
    const [, authorizer] = onlyResourceOf(defaultTemplates().api, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    const { Issuer, Audience } = authorizer.Properties.JwtConfiguration;
    const issuer = JSON.stringify(Issuer);
    expect(issuer).toContain('https://cognito-idp.');
    expect(issuer).toMatch(/ExportsOutputRefUserPool[0-9A-F]+/);
    expect(Audience).toHaveLength(1);
    expect(JSON.stringify(Audience)).toMatch(/ExportsOutputRefUserPoolWebClient/);
  });

  it('sends each route to the function built from its handler file, in the same nested stack', () => {
    const { stacks } = defaultTemplates();
    const deployed = routesByKey();
    expect(stacks.api.routeFunctions.size).toBe(routes.length);
    for (const route of routes) {
      const fn = stacks.api.routeFunctions.get(functionIdFor(route.handler));
      expect(fn, route.handler).toBeDefined();
      expect(Stack.of(fn!), route.handler).toBe(stacks.api.routeStacks.get(domainOf(route.handler)));
      expect(functionBehind(deployed.get(routeKey(route))!), routeKey(route)).toBe(logicalIdOf(fn!.fn));
    }
  });

  it('lets API Gateway invoke each route\'s function for that route\'s path only', () => {
    const templates = defaultTemplates();
    for (const route of routes) {
      const fn = templates.stacks.api.routeFunctions.get(functionIdFor(route.handler))!;
      const permissions = resourcesOf(apiTemplateOf(templates, fn), 'AWS::Lambda::Permission').filter(
        ([, p]) => p.Properties.FunctionName['Fn::GetAtt']?.[0] === logicalIdOf(fn.fn),
      );
      expect(permissions, routeKey(route)).toHaveLength(1);
      const [, permission] = permissions[0]!;
      expect(permission.Properties.Principal).toBe('apigateway.amazonaws.com');
      expect(JSON.stringify(permission.Properties.SourceArn), routeKey(route)).toContain(`/*/*${route.path}"`);
    }
  });

  it('lets GET handlers read the table and only other methods write it', () => {
    const { stacks } = defaultTemplates();
    const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    for (const route of routes) {
      const fn = stacks.api.routeFunctions.get(functionIdFor(route.handler))!;
      const actions = actionsOf(policyStatementsOf(fn));
      expect(actions, routeKey(route)).toContain('dynamodb:Query');
      for (const write of writes) {
        if (route.method === 'GET') expect(actions, routeKey(route)).not.toContain(write);
        else expect(actions, routeKey(route)).toContain(write);
      }
    }
  });

  it('throttles every route by the stage defaults from context', () => {
    const [, stage] = onlyResourceOf(defaultTemplates().api, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties.StageName).toBe('$default');
    expect(stage.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    const tighter = synthTemplates({ context: { apiRateLimit: 5, apiBurstLimit: 7 } });
    const [, tighterStage] = onlyResourceOf(tighter.api, 'AWS::ApiGatewayV2::Stage');
    expect(tighterStage.Properties.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 7 });
  });

  it('writes access logs to a log group kept for a month, without bodies, headers or query strings', () => {
    const { api } = defaultTemplates();
    const [, stage] = onlyResourceOf(api, 'AWS::ApiGatewayV2::Stage');
    const { DestinationArn, Format } = stage.Properties.AccessLogSettings;
    const logGroupId = DestinationArn['Fn::GetAtt'][0] as string;
    expect(api.toJSON().Resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    const fields = JSON.parse(Format as string) as Record<string, string>;
    expect(fields.requestId).toBe('$context.requestId');
    expect(fields.routeKey).toBe('$context.routeKey');
    expect(fields.status).toBe('$context.status');
    expect(Format).not.toMatch(/body|header|querystring|\$request\./i);
  });
});

describe('the outbox sender', () => {
  function mapping() {
    const mappings = resourcesOf(defaultTemplates().api, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(1);
    return mappings[0]![1];
  }

  it('reads the table stream, filtered to INSERTs of outbox items and sign-in link requests', () => {
    const { stacks } = defaultTemplates();
    const props = mapping().Properties;
    expect(JSON.stringify(props.EventSourceArn)).toMatch(/ExportsOutputFnGetAttTable[0-9A-F]+StreamArn/);
    expect(props.FunctionName).toEqual({ Ref: stacks.api.getLogicalId(stacks.api.outboxSender.fn.node.defaultChild as never) });
    expect(props.FilterCriteria.Filters).toHaveLength(1);
    expect(JSON.parse(props.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { type: { S: ['outbox', 'sign-in-request'] } } },
    });
  });

  it('reports failed records one by one, retries, and then parks them in a dead-letter queue', () => {
    const props = mapping().Properties;
    expect(props.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(props.BisectBatchOnFunctionError).toBe(true);
    expect(props.MaximumRetryAttempts).toBe(5);
    const queueId = props.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0] as string;
    expect(defaultTemplates().api.toJSON().Resources[queueId].Type).toBe('AWS::SQS::Queue');
  });

  it('may send mail only as the configured address of the SES identity', () => {
    const { stacks } = defaultTemplates();
    const statements = policyStatementsOf(stacks.api.outboxSender);
    const ses = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect([...actionsOf(ses)].sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(JSON.stringify(ses[0]!.Resource)).toMatch(/":ses:".*":identity\/parent-voice\.example"\]\]\}$/);
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@parent-voice.example' } });

    const other = synthTemplates({ context: { mailFrom: 'Council <hello@mail.council.example>', sesIdentity: 'council.example' } });
    const [otherSes] = policyStatementsOf(other.stacks.api.outboxSender, other).filter((s) => actionsOf([s]).includes('ses:SendEmail'));
    expect(JSON.stringify(otherSes!.Resource)).toMatch(/":identity\/council\.example"\]\]\}$/);
    expect(otherSes!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'hello@mail.council.example' } });
  });

  it('reads only this table\'s stream, by its ARN', () => {
    const { stacks } = defaultTemplates();
    const statements = policyStatementsOf(stacks.api.outboxSender);
    const streamRead = statements.find((s) => actionsOf([s]).includes('dynamodb:DescribeStream'))!;
    expect(JSON.stringify(streamRead.Resource)).toMatch(/StreamArn/);
    const list = statements.find((s) => actionsOf([s]).includes('dynamodb:ListStreams'))!;
    expect(JSON.stringify(list.Resource)).toContain(':table/parent-voice-dev/stream/*');
  });
});

describe('the configuration every API function gets', () => {
  it('has the table, the Cognito issuer and client, SES mail and the log level', () => {
    const functions = apiResourcesOf(defaultTemplates(), 'AWS::Lambda::Function');
    // Every route's function, the outbox sender and the daily "you said, we did" digest job.
    expect(functions.length).toBe(routes.length + 3);
    for (const [id, fn] of functions) {
      const env = fn.Properties.Environment.Variables as Record<string, unknown>;
      expect(env.TABLE_NAME, id).toBe('parent-voice-dev');
      expect(JSON.stringify(env.COGNITO_ISSUER), id).toContain('https://cognito-idp.');
      expect(JSON.stringify(env.COGNITO_CLIENT_ID), id).toMatch(/UserPoolWebClient/);
      expect(env.MAIL_TRANSPORT, id).toBe('ses');
      expect(env.MAIL_FROM, id).toBe('Parent Voice <no-reply@parent-voice.example>');
      expect(env.LOG_LEVEL, id).toBe('info');
      expect(env.PUBLIC_WEB_URL, id).toBe('https://parent-voice.invalid');
    }
  });

  it('points the links in emails at the custom domain when there is one', () => {
    const custom = synthTemplates({ context: { domainName: 'voice.example.org', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' } });
    const functions = apiResourcesOf(custom, 'AWS::Lambda::Function');
    expect(functions.length).toBe(routes.length + 3);
    for (const [id, fn] of functions) expect(fn.Properties.Environment.Variables.PUBLIC_WEB_URL, id).toBe('https://voice.example.org');
  });
});

describe('the API split into one nested stack per domain', () => {
  const domains = [...new Set(routes.map((route) => domainOf(route.handler)))];

  it('has one nested stack per first folder of the handlers, holding that domain\'s routes and functions', () => {
    const templates = defaultTemplates();
    expect([...templates.stacks.api.routeStacks.keys()].sort()).toEqual([...domains].sort());
    for (const [key, route] of routesByKey()) {
      const definition = routes.find((r) => routeKey(r) === key)!;
      expect(route.domain, key).toBe(domainOf(definition.handler));
    }
    for (const domain of domains) {
      const template = templates.apiNested.get(domain)!;
      const own = routes.filter((route) => domainOf(route.handler) === domain);
      expect(resourcesOf(template, 'AWS::ApiGatewayV2::Route'), domain).toHaveLength(own.length);
      expect(resourcesOf(template, 'AWS::ApiGatewayV2::Integration'), domain).toHaveLength(own.length);
      expect(resourcesOf(template, 'AWS::Lambda::Permission'), domain).toHaveLength(own.length);
      expect(resourcesOf(template, 'AWS::Lambda::Function'), domain).toHaveLength(own.length);
      expect(templates.stacks.api.routeStacks.get(domain)!.node.id).toBe(routesStackIdFor(domain));
    }
  });

  it('keeps the HTTP API, stage, authoriser, access logs, outbox sender, digest job and retention job in the ApiStack, and no route', () => {
    const { api, stacks } = defaultTemplates();
    for (const type of ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Stage', 'AWS::ApiGatewayV2::Authorizer', 'AWS::Lambda::EventSourceMapping']) {
      expect(resourcesOf(api, type), type).toHaveLength(1);
    }
    expect(resourcesOf(api, 'AWS::ApiGatewayV2::Route')).toHaveLength(0);
    expect(resourcesOf(api, 'AWS::Lambda::Function').map(([id]) => id).sort()).toEqual(
      [logicalIdOf(stacks.api.outboxSender.fn), logicalIdOf(stacks.api.loopDigests.fn), logicalIdOf(stacks.api.retentionJob.fn)].sort(),
    );
    // The digest job and the retention job each run once a day, each rule targeting its own function.
    const rules = resourcesOf(api, 'AWS::Events::Rule');
    expect(rules).toHaveLength(2);
    const schedules = new Map(rules.map(([, r]) => [r.Properties.Targets[0].Arn['Fn::GetAtt'][0] as string, r.Properties.ScheduleExpression as string]));
    expect(schedules.get(logicalIdOf(stacks.api.loopDigests.fn))).toBe('cron(0 10 * * ? *)');
    expect(schedules.get(logicalIdOf(stacks.api.retentionJob.fn))).toBe('cron(30 2 * * ? *)');
    for (const [, rule] of rules) expect(rule.Properties.State ?? 'ENABLED').toBe('ENABLED');
    // The retention job's code is the handler the local `npm run retention` runs.
    const retention = resourcesOf(api, 'AWS::Lambda::Function').find(([id]) => id === logicalIdOf(stacks.api.retentionJob.fn))!;
    expect(retention[1].Properties.Description).toMatch(/retention/i);
    // EventBridge may invoke it.
    const permissions = resourcesOf(api, 'AWS::Lambda::Permission').filter(([, p]) => p.Properties.Principal === 'events.amazonaws.com');
    expect(permissions.map(([, p]) => p.Properties.FunctionName['Fn::GetAtt'][0]).sort()).toEqual(
      [logicalIdOf(stacks.api.loopDigests.fn), logicalIdOf(stacks.api.retentionJob.fn)].sort(),
    );
    expect(resourcesOf(api, 'AWS::CloudFormation::Stack')).toHaveLength(domains.length);
  });

  it('keeps every stack, the ApiStack and each nested stack, under 400 resources (CloudFormation allows 500)', () => {
    const templates = defaultTemplates();
    // Measured with the 45 routes of today: ApiStack 17, panels 168 (24 routes), tenants 63, meetings 49,
    // representation 14, audit 7, staff 7 (`cdk synth` adds one AWS::CDK::Metadata to each). A domain
    // reaches 400 at 58 routes: past that, split its handlers into two folders.
    expect(resourceCount(templates.api)).toBeLessThan(400);
    for (const [domain, template] of templates.apiNested) expect(resourceCount(template), domain).toBeLessThan(400);
  });

  it('costs 7 resources a route in a nested stack (function, role, policy, log group, route, integration, permission)', () => {
    const templates = defaultTemplates();
    for (const [domain, template] of templates.apiNested) {
      const own = routes.filter((route) => domainOf(route.handler) === domain).length;
      expect(resourceCount(template) / own, domain).toBe(7);
    }
    // So one domain holds 71 routes before CloudFormation's 500 (7 × 71 + the CDK metadata resource = 498).
    const largest = Math.max(...[...templates.apiNested.keys()].map((d) => routes.filter((r) => domainOf(r.handler) === d).length));
    expect(largest * 7).toBeLessThan(400);
    expect(Math.floor(499 / 7)).toBe(71);
  });

  it('gives a new domain its own nested stack with no change to the CDK code', () => {
    // 60 routes of a domain that does not exist yet ("sandbox"). ApiFunction needs a real entry file and each
    // route its own handler (functionIdFor), so each points at an existing handler through a folder of its own:
    // `sandbox/question-7/../../panels/list-panels.handler.ts` is in the sandbox domain, its function id is
    // SandboxQuestion7PanelsListPanels, and its entry resolves to functions/src/panels/list-panels.handler.ts.
    const added: RouteDefinition[] = Array.from({ length: 60 }, (_, i) => ({
      method: i % 2 === 0 ? 'GET' : 'POST',
      path: `/tenants/{tenantId}/sandbox/question-${i}`,
      handler: `sandbox/question-${i}/../../panels/list-panels.handler.ts`,
      public: i % 10 === 0,
    }));
    const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const api = new ApiStack(app, 'GrowingApi', {
      settings: readSettings(app.node),
      tableName: 'parent-voice-dev',
      tableStreamArn: 'arn:aws:dynamodb:eu-west-2:123456789012:table/parent-voice-dev/stream/2026-01-01T00:00:00.000',
      issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_example',
      clientId: 'example-client',
      routes: [...routes, ...added],
    });

    expect([...api.routeStacks.keys()].sort()).toEqual([...domains, 'sandbox'].sort());
    const nested = api.routeStacks.get('sandbox')!;
    expect(nested.node.id).toBe('SandboxRoutes');
    const template = Template.fromStack(nested);
    const deployed = resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r);
    expect(deployed.map((r) => r.Properties.RouteKey).sort()).toEqual(added.map(routeKey).sort());
    expect(deployed.filter((r) => r.Properties.AuthorizationType === 'JWT')).toHaveLength(54);
    expect(resourceCount(template)).toBe(60 * 7);
    expect(resourceCount(template)).toBeLessThan(500);
    for (const route of added) {
      const fn = api.routeFunctions.get(functionIdFor(route.handler))!;
      expect(Stack.of(fn)).toBe(nested);
    }

    // The ApiStack grows by one resource (the nested stack); the other domains do not change.
    const parent = Template.fromStack(api);
    expect(resourceCount(parent)).toBe(resourceCount(defaultTemplates().api) + 1);
    expect(resourcesOf(parent, 'AWS::ApiGatewayV2::Authorizer')).toHaveLength(1);
    const panels = Template.fromStack(api.routeStacks.get('panels')!);
    expect(resourceCount(panels)).toBe(resourceCount(defaultTemplates().apiNested.get('panels')!));
  });

  it('refuses a handler outside a domain folder, and two routes on one handler', () => {
    const build = (extra: RouteDefinition[]) => {
      const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
      return new ApiStack(app, 'Api', {
        settings: readSettings(app.node),
        tableName: 'parent-voice-dev',
        tableStreamArn: 'arn:aws:dynamodb:eu-west-2:123456789012:table/parent-voice-dev/stream/2026-01-01T00:00:00.000',
        issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_example',
        clientId: 'example-client',
        routes: extra,
      });
    };
    expect(() => build([{ method: 'GET', path: '/x', handler: 'loose.handler.ts', public: false }])).toThrow(/domain folder/);
    const twice = routes[0]!;
    expect(() => build([twice, { ...twice, method: 'POST' }])).toThrow(/own handler file/);
  });
});
