import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations, type App } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/src/routes.ts';
import { buildApp, unbuiltWeb } from './parent-voice-app.fixture.ts';

/** Synthesises with the AWS Solutions pack; cdk-nag 3 makes synth throw on any unacknowledged error. */
function synthWithNag(app: App): { violations: unknown[] } {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; violations: unknown[] }[];
  };
  return { violations: report.pluginReports.filter((r) => r.pluginName === 'AwsSolutions').flatMap((r) => r.violations) };
}

function acknowledgements(scope: IConstruct): { path: string; id: string; reason: string }[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      // Each entry is { "<namespace>::<rule id>": reason }.
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([id, reason]) => ({ path: construct.node.path, id, reason })),
  );
}

describe('cdk-nag (AWS Solutions)', () => {
  it('finds nothing unacknowledged in the app with a web build', () => {
    const { app } = buildApp();
    expect(synthWithNag(app).violations).toEqual([]);
  });

  it('finds nothing unacknowledged in the app of a fresh clone (no web build)', () => {
    const { app } = buildApp({ webRoot: unbuiltWeb });
    expect(synthWithNag(app).violations).toEqual([]);
  });

  it('finds nothing unacknowledged with the web ACL turned off (webAcl=none) or given by ARN (webAclArn)', () => {
    expect(synthWithNag(buildApp({ context: { webAcl: 'none' } }).app).violations).toEqual([]);
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared-edge/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
    expect(synthWithNag(buildApp({ context: { webAclArn: arn } }).app).violations).toEqual([]);
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    const { app, stacks } = buildApp();
    new Bucket(stacks.web, 'CarelessBucket');
    expect(() => synthWithNag(app)).toThrow(/AwsSolutions-S1|AwsSolutions-S10/);
  });

  it('checks the API\'s nested stacks too: an unacknowledged finding in one fails the synth', () => {
    const { app, stacks } = buildApp();
    const panels = stacks.api.routeStacks.get('panels')!;
    new Bucket(panels, 'CarelessBucket');
    expect(() => synthWithNag(app)).toThrow(/AwsSolutions-S1|AwsSolutions-S10/);
  });

  it('acknowledges APIG4 on each public route, on the route itself inside its domain\'s nested stack', () => {
    const { app } = buildApp();
    const apig4 = acknowledgements(app).filter((ack) => ack.id.endsWith('AwsSolutions-APIG4'));
    expect(apig4.length).toBe(routes.filter((route) => route.public).length);
    // Each on a route inside a domain's nested stack (ParentVoice-dev-Api/PanelsRoutes/…).
    for (const ack of apig4) expect(ack.path).toMatch(/^ParentVoice-dev-Api\/\w+Routes\//);
  });

  it('gives every acknowledgement a specific rule and a reason', () => {
    const { app } = buildApp();
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(5);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^(\w+::)?AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThan(40);
    }
    // Never acknowledged across a whole stack: always on the resource concerned.
    for (const ack of acks) expect(ack.path.split('/').length, `${ack.id} on ${ack.path}`).toBeGreaterThan(1);
  });
});
