import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/src/routes.ts';
import { clientSecretVariable } from '../../cdk/lib/client-address-secret.ts';
import {
  apiResourcesOf,
  defaultTemplates,
  logicalIdOf,
  onlyResourceOf,
  resourcesById,
  resourcesOf,
  type Templates,
} from './parent-voice-app.fixture.ts';

/** `{{resolve:secretsmanager:<id>:SecretString:::}}` → <id> (a Ref or an import), or fails. */
function secretIdIn(value: unknown): unknown {
  expect(value).toEqual({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', expect.anything(), ':SecretString:::}}']] });
  return (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1][1];
}

/** What an `Fn::ImportValue` of the API stack's export resolves to in the API stack. */
function exportedByApi(templates: Templates, exportName: string): unknown {
  const outputs = Object.values(templates.api.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>);
  const output = outputs.find((o) => o.Export?.Name === exportName);
  expect(output, exportName).toBeDefined();
  return output!.Value;
}

describe('the client-address signing key', () => {
  it('is one generated Secrets Manager secret in the API stack: 48 letters and digits', () => {
    const { api } = defaultTemplates();
    const [, secret] = onlyResourceOf(api, 'AWS::SecretsManager::Secret');
    expect(secret.Properties.GenerateSecretString).toEqual({ ExcludePunctuation: true, PasswordLength: 48 });
  });

  it('reaches every route function as PV_CLIENT_SECRET, from that secret, and no other API function', () => {
    const templates = defaultTemplates();
    const secretRef = { Ref: logicalIdOf(templates.stacks.api.clientSecret) };
    let routeFunctions = 0;
    for (const [domain, nested] of templates.stacks.api.routeStacks) {
      const template = templates.apiNested.get(domain)!;
      const parameters = resourcesById(templates.api)[logicalIdOf(nested.nestedStackResource!)]!.Properties.Parameters;
      for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
        const param = secretIdIn(fn.Properties.Environment.Variables[clientSecretVariable]) as { Ref: string };
        // A parameter of the nested stack, which the parent sets to the secret.
        expect(parameters[param.Ref], `${domain} ${id}`).toEqual(secretRef);
        routeFunctions += 1;
      }
    }
    expect(routeFunctions).toBe(routes.length);
    for (const job of [templates.stacks.api.outboxSender, templates.stacks.api.loopDigests, templates.stacks.api.retentionJob]) {
      const env = resourcesById(templates.api)[logicalIdOf(job.fn)]!.Properties.Environment.Variables;
      expect(env[clientSecretVariable], job.node.path).toBeUndefined();
    }
    expect(apiResourcesOf(templates, 'AWS::Lambda::Function')).toHaveLength(routes.length + 3);
  });

  it('reaches the SSR function as PV_CLIENT_SECRET, from the same secret', () => {
    const templates = defaultTemplates();
    const env = resourcesById(templates.web)[logicalIdOf(templates.stacks.web.ssr.fn)]!.Properties.Environment.Variables;
    const imported = secretIdIn(env[clientSecretVariable]) as { 'Fn::ImportValue': string };
    expect(exportedByApi(templates, imported['Fn::ImportValue'])).toEqual({ Ref: logicalIdOf(templates.stacks.api.clientSecret) });
    // Not the origin-verify secret, which is the web stack's own.
    expect(env[clientSecretVariable]).not.toEqual(env.ORIGIN_VERIFY_SECRET);
  });
});
