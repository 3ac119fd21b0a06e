import { describe, expect, it } from 'vitest';
import { roles } from '../../shared/src/auth.schema.ts';
import { defaultTemplates, resourcesOf, synthTemplates } from './parent-voice-app.fixture.ts';

function userPool(template = defaultTemplates().auth) {
  const pools = resourcesOf(template, 'AWS::Cognito::UserPool');
  expect(pools).toHaveLength(1);
  return pools[0]![1];
}

function webClient() {
  const clients = resourcesOf(defaultTemplates().auth, 'AWS::Cognito::UserPoolClient');
  expect(clients).toHaveLength(1);
  return clients[0]![1].Properties;
}

describe('the user pool', () => {
  it('lets only admins create accounts, and users sign in with their email', () => {
    const props = userPool().Properties;
    expect(props.AdminCreateUserConfig).toEqual({ AllowAdminCreateUserOnly: true });
    expect(props.UsernameAttributes).toEqual(['email']);
    expect(props.UsernameConfiguration).toEqual({ CaseSensitive: false });
  });

  it('asks for strong passwords', () => {
    const policy = userPool().Properties.Policies.PasswordPolicy;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(12);
    expect(policy).toMatchObject({ RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true });
    expect(policy.TemporaryPasswordValidityDays).toBeLessThanOrEqual(7);
  });

  it('has a string custom:tenant attribute', () => {
    const tenant = (userPool().Properties.Schema as { Name: string }[]).find((attribute) => attribute.Name === 'tenant');
    expect(tenant).toMatchObject({ AttributeDataType: 'String', Mutable: true });
  });

  it('has one group per role of shared/src/auth.schema.ts, and no other', () => {
    const groups = resourcesOf(defaultTemplates().auth, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...roles].sort());
    expect(groups).toEqual(expect.arrayContaining(['admin', 'officer', 'partner', 'parent']));
  });

  it('is on the Plus plan with threat protection enforced, unless context picks essentials', () => {
    expect(userPool().Properties.UserPoolTier).toBe('PLUS');
    expect(userPool().Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    const essentials = synthTemplates({ context: { cognitoFeaturePlan: 'essentials' } });
    expect(userPool(essentials.auth).Properties.UserPoolTier).toBe('ESSENTIALS');
    expect(userPool(essentials.auth).Properties.UserPoolAddOns).toBeUndefined();
  });

  it('cannot be deleted by accident', () => {
    const pool = userPool();
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(defaultTemplates().stacks.auth.terminationProtection).toBe(true);
  });
});

describe('the web app client', () => {
  it('signs in with USER_PASSWORD_AUTH and refreshes, with no client secret', () => {
    const client = webClient();
    expect([...client.ExplicitAuthFlows].sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH']);
    expect(client.GenerateSecret).toBe(false);
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
    expect(client.EnableTokenRevocation).toBe(true);
  });

  it('issues ID and access tokens that live 15 minutes, refreshed server-side within a 12-hour session (issue 14 §2)', () => {
    const client = webClient();
    expect(client.TokenValidityUnits).toMatchObject({ IdToken: 'minutes', AccessToken: 'minutes' });
    expect(client.IdTokenValidity).toBe(15);
    expect(client.AccessTokenValidity).toBe(15);
    expect(client.RefreshTokenValidity).toBeLessThanOrEqual(12 * 60);
  });

  it('reads custom:tenant (it goes into the ID token) but can never write it', () => {
    const client = webClient();
    expect(client.ReadAttributes).toContain('custom:tenant');
    expect(client.WriteAttributes).toEqual(expect.any(Array));
    expect(client.WriteAttributes).not.toContain('custom:tenant');
  });
});
