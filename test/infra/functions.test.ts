import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/src/routes.ts';
import { ApiFunction, esmRequireBanner, tableAccessFor } from '../../cdk/lib/constructs/api-function.ts';
import { allResourcesOf, apiTemplateOf, defaultTemplates, logicalIdOf, repoRoot, resourcesById, resourcesOf, type Resource } from './parent-voice-app.fixture.ts';

/** The one Lambda that is not ours: BucketDeployment's provider, created by aws-cdk-lib, deploy time only. */
const isCdkBucketDeploymentProvider = (logicalId: string) => logicalId.startsWith('CustomCDKBucketDeployment');

describe('the Lambda functions', () => {
  it('are one per route, plus the outbox sender, the daily digest and retention jobs and the SSR function', () => {
    const functions = allResourcesOf(defaultTemplates(), 'AWS::Lambda::Function');
    const ours = functions.filter(([id]) => !isCdkBucketDeploymentProvider(id));
    expect(ours).toHaveLength(routes.length + 4);
    expect(functions.length - ours.length).toBe(1);
    const descriptions = ours.map(([, fn]) => fn.Properties.Description as string);
    for (const route of routes) expect(descriptions).toContain(`${route.method} ${route.path}`);
    expect(descriptions).toContain('SvelteKit server-side rendering');
    expect(descriptions.some((d) => d.startsWith('Sends outbox emails'))).toBe(true);
    expect(descriptions.some((d) => d.startsWith('Sends waiting "you said, we did" digests'))).toBe(true);
    expect(descriptions.some((d) => d.startsWith('Deletes what each partnership keeps no longer'))).toBe(true);
  });

  it('all run Node.js 22 on ARM', () => {
    for (const [id, fn] of allResourcesOf(defaultTemplates(), 'AWS::Lambda::Function')) {
      if (isCdkBucketDeploymentProvider(id)) continue;
      expect(fn.Properties.Runtime, id).toBe('nodejs22.x');
      expect(fn.Properties.Architectures, id).toEqual(['arm64']);
    }
  });

  it('give route handlers 512 MB and 10 s', () => {
    const templates = defaultTemplates();
    expect(templates.stacks.api.routeFunctions.size).toBe(routes.length);
    for (const fn of templates.stacks.api.routeFunctions.values()) {
      const props = resourcesById(apiTemplateOf(templates, fn))[logicalIdOf(fn.fn)]!.Properties;
      expect(props.MemorySize).toBe(512);
      expect(props.Timeout).toBe(10);
    }
  });

  it('each log to their own log group kept for one month, through their own role', () => {
    const templates = defaultTemplates();
    let checked = 0;
    // Template by template (nested stacks included): a Ref names a resource of its own template.
    for (const template of templates.all) {
      const logGroups = new Map(resourcesOf(template, 'AWS::Logs::LogGroup'));
      const roles = new Map(resourcesOf(template, 'AWS::IAM::Role'));
      for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
        if (isCdkBucketDeploymentProvider(id)) continue;
        const logGroup = logGroups.get(fn.Properties.LoggingConfig.LogGroup.Ref)!;
        expect(logGroup.Properties.RetentionInDays, id).toBe(30);
        const role = roles.get(fn.Properties.Role['Fn::GetAtt'][0])!;
        expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBe(routes.length + 4);
  });

  it('derive table access from the HTTP method', () => {
    expect(tableAccessFor('GET')).toBe('read');
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) expect(tableAccessFor(method)).toBe('readWrite');
  });
});

describe('IAM across every stack', () => {
  const statements = () =>
    allResourcesOf(defaultTemplates(), 'AWS::IAM::Policy').flatMap(([id, policy]: [string, Resource]) =>
      (policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown; Effect: string }[]).map((s) => ({ id, ...s })),
    );
  const actions = (s: { Action: string | string[] }) => ([] as string[]).concat(s.Action);
  const resources = (s: { Resource: unknown }) => ([] as unknown[]).concat(s.Resource);

  it('never grants a wildcard DynamoDB action', () => {
    const all = statements();
    expect(all.some((s) => actions(s).some((a) => a.startsWith('dynamodb:')))).toBe(true);
    for (const statement of all) {
      for (const action of actions(statement)) {
        expect(action === '*' || (action.startsWith('dynamodb:') && action.includes('*')), `${statement.id}: ${action}`).toBe(false);
      }
    }
  });

  it('never grants anything on Resource "*"', () => {
    for (const statement of statements()) {
      expect(resources(statement), statement.id).not.toContain('*');
    }
  });

  it('scopes DynamoDB permissions to this table, its indexes and its stream', () => {
    for (const statement of statements().filter((s) => actions(s).some((a) => a.startsWith('dynamodb:')))) {
      for (const resource of resources(statement)) {
        const text = JSON.stringify(resource);
        expect(text.includes(':table/parent-voice-dev') || /StreamArn/.test(text), `${statement.id}: ${text}`).toBe(true);
      }
    }
  });
});

describe('bundling a handler for real', () => {
  function bundle(handler: string): { code: string; dir: string } {
    const app = new App({ builtinCloudFormationValidation: false });
    const stack = new Stack(app, 'BundlingCheck');
    new ApiFunction(stack, 'Fn', { entry: resolve(repoRoot, 'functions/src', handler) });
    const assembly = app.synth();
    const dirs = readdirSync(assembly.directory)
      .filter((name) => name.startsWith('asset.'))
      .map((name) => join(assembly.directory, name))
      .filter((dir) => existsSync(join(dir, 'index.mjs')));
    expect(dirs).toHaveLength(1);
    return { code: readFileSync(join(dirs[0]!, 'index.mjs'), 'utf8'), dir: dirs[0]! };
  }

  it('makes one minified ESM file with the require shim, a source map, and the AWS SDK inside', () => {
    const { code, dir } = bundle('outbox/send-outbox.handler.ts');
    expect(code.startsWith(esmRequireBanner)).toBe(true);
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    // The SDK is bundled (no import of it is left)…
    expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
    expect(code).not.toMatch(/import\(\s*["']@aws-sdk\//);
    expect(code).toContain('SendEmail');
    // …and nodemailer, used only locally, stays out.
    expect(code).toMatch(/import\(\s*["']nodemailer["']\s*\)/);
    // Minified: long lines.
    expect(code.length / code.split('\n').length).toBeGreaterThan(1000);
  });
});
