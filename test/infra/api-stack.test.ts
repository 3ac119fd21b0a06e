import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/src/routes.ts';
import { functionIdFor } from '../../cdk/lib/api-stack.ts';
import { defaultTemplates, onlyResourceOf, resourcesOf, synthTemplates, type Resource } from './parent-voice-app.fixture.ts';

const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

function routesByKey(template = defaultTemplates().api): Map<string, Resource> {
  return new Map(resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey as string, r]));
}

/** The logical id of the function behind a route (route → integration → function ARN). */
function functionBehind(route: Resource): string {
  const api = defaultTemplates().api;
  const integrationId = (route.Properties.Target['Fn::Join'][1] as unknown[])[1] as { Ref: string };
  const integration = api.toJSON().Resources[integrationId.Ref] as Resource;
  return integration.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
}

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown };

/** Every statement of the policies attached to the role of a function. */
function policyStatementsOf(functionLogicalId: string, template = defaultTemplates().api): Statement[] {
  const resources = template.toJSON().Resources as Record<string, Resource>;
  const roleId = resources[functionLogicalId]!.Properties.Role['Fn::GetAtt'][0] as string;
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement);
}

const actionsOf = (statements: { Action: string | string[] }[]) => statements.flatMap((s) => ([] as string[]).concat(s.Action));

describe('the HTTP API', () => {
  it('has exactly one route per entry of functions/src/routes.ts', () => {
    const deployed = [...routesByKey().keys()].sort();
    expect(deployed).toEqual(routes.map(routeKey).sort());
  });

  it('puts the Cognito JWT authoriser on every non-public route and none on public ones', () => {
    const { api } = defaultTemplates();
    const [authorizerId] = onlyResourceOf(api, 'AWS::ApiGatewayV2::Authorizer');
    const deployed = routesByKey();
    for (const route of routes) {
      const props = deployed.get(routeKey(route))!.Properties;
      if (route.public) {
        expect(props.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(props.AuthorizerId, routeKey(route)).toBeUndefined();
      } else {
        expect(props.AuthorizationType, routeKey(route)).toBe('JWT');
        expect(props.AuthorizerId, routeKey(route)).toEqual({ Ref: authorizerId });
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

  it('sends each route to the function built from its handler file', () => {
    const { stacks } = defaultTemplates();
    const deployed = routesByKey();
    for (const route of routes) {
      const fn = stacks.api.routeFunctions.get(functionIdFor(route.handler));
      expect(fn, route.handler).toBeDefined();
      const logicalId = stacks.api.getLogicalId(fn!.fn.node.defaultChild as never);
      expect(functionBehind(deployed.get(routeKey(route))!), routeKey(route)).toBe(logicalId);
    }
  });

  it('lets GET handlers read the table and only other methods write it', () => {
    const { stacks } = defaultTemplates();
    const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
    for (const route of routes) {
      const fn = stacks.api.routeFunctions.get(functionIdFor(route.handler))!;
      const actions = actionsOf(policyStatementsOf(stacks.api.getLogicalId(fn.fn.node.defaultChild as never)));
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

  it('reads the table stream, filtered to INSERTs of outbox items', () => {
    const { stacks } = defaultTemplates();
    const props = mapping().Properties;
    expect(JSON.stringify(props.EventSourceArn)).toMatch(/ExportsOutputFnGetAttTable[0-9A-F]+StreamArn/);
    expect(props.FunctionName).toEqual({ Ref: stacks.api.getLogicalId(stacks.api.outboxSender.fn.node.defaultChild as never) });
    expect(props.FilterCriteria.Filters).toHaveLength(1);
    expect(JSON.parse(props.FilterCriteria.Filters[0].Pattern)).toEqual({
      eventName: ['INSERT'],
      dynamodb: { NewImage: { type: { S: ['outbox'] } } },
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
    const statements = policyStatementsOf(stacks.api.getLogicalId(stacks.api.outboxSender.fn.node.defaultChild as never));
    const ses = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect([...actionsOf(ses)].sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(JSON.stringify(ses[0]!.Resource)).toMatch(/":ses:".*":identity\/parent-voice\.example"\]\]\}$/);
    expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'no-reply@parent-voice.example' } });

    const other = synthTemplates({ context: { mailFrom: 'Council <hello@mail.council.example>', sesIdentity: 'council.example' } });
    const otherSender = other.stacks.api.getLogicalId(other.stacks.api.outboxSender.fn.node.defaultChild as never);
    const [otherSes] = policyStatementsOf(otherSender, other.api).filter((s) => actionsOf([s]).includes('ses:SendEmail'));
    expect(JSON.stringify(otherSes!.Resource)).toMatch(/":identity\/council\.example"\]\]\}$/);
    expect(otherSes!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'hello@mail.council.example' } });
  });

  it('reads only this table\'s stream, by its ARN', () => {
    const { stacks } = defaultTemplates();
    const statements = policyStatementsOf(stacks.api.getLogicalId(stacks.api.outboxSender.fn.node.defaultChild as never));
    const streamRead = statements.find((s) => actionsOf([s]).includes('dynamodb:DescribeStream'))!;
    expect(JSON.stringify(streamRead.Resource)).toMatch(/StreamArn/);
    const list = statements.find((s) => actionsOf([s]).includes('dynamodb:ListStreams'))!;
    expect(JSON.stringify(list.Resource)).toContain(':table/parent-voice-dev/stream/*');
  });
});

describe('the configuration every API function gets', () => {
  it('has the table, the Cognito issuer and client, SES mail and the log level', () => {
    const { api } = defaultTemplates();
    const functions = resourcesOf(api, 'AWS::Lambda::Function');
    expect(functions.length).toBe(routes.length + 1);
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
    const { api } = synthTemplates({ context: { domainName: 'voice.example.org', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' } });
    const [, fn] = resourcesOf(api, 'AWS::Lambda::Function')[0]!;
    expect(fn.Properties.Environment.Variables.PUBLIC_WEB_URL).toBe('https://voice.example.org');
  });
});

describe('the size of the API stack', () => {
  it('stays well under CloudFormation’s 500 resources a stack (about 7 a route today)', () => {
    const { api } = defaultTemplates();
    const count = Object.keys(api.toJSON().Resources).length;
    // 43 routes make 312 resources. Past 450, split the API by domain (nested stacks or one function per domain).
    expect(count).toBeLessThan(450);
  });
});
