import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { addressOf, readSettings } from '../../cdk/lib/settings.ts';
import { functionIdFor } from '../../cdk/lib/api-stack.ts';

const settingsWith = (context: Record<string, unknown>) => readSettings(new App({ context }).node);

describe('CDK context settings', () => {
  it('default to the dev environment, the example sender and its domain as SES identity', () => {
    const settings = settingsWith({});
    expect(settings.envName).toBe('dev');
    expect(settings.mailFromAddress).toBe('no-reply@parent-voice.example');
    expect(settings.sesIdentity).toBe('parent-voice.example');
    expect(settings.strict).toBe(false);
    expect(settings.account).toBeUndefined();
  });

  it('are strict for prod unless told otherwise', () => {
    expect(settingsWith({ env: 'prod' }).strict).toBe(true);
    expect(settingsWith({ env: 'prod', strict: 'false' }).strict).toBe(false);
    expect(settingsWith({ env: 'staging', strict: 'true' }).strict).toBe(true);
  });

  it('reject an environment name that cannot go into stack and table names', () => {
    expect(() => settingsWith({ env: 'Prod_1' })).toThrow(/env/);
    // An empty env is no env: the default.
    expect(settingsWith({ env: '' }).envName).toBe('dev');
  });

  it('reject half a custom domain, a bad log level and a non-numeric throttle', () => {
    expect(() => settingsWith({ domainName: 'x.example' })).toThrow(/certificateArn/);
    expect(() => settingsWith({ logLevel: 'verbose' })).toThrow(/logLevel/);
    expect(() => settingsWith({ apiRateLimit: 'lots' })).toThrow(/apiRateLimit/);
  });

  it('create a web ACL for CloudFront unless told to use none or an existing one', () => {
    expect(settingsWith({}).webAcl).toEqual({ mode: 'create' });
    expect(settingsWith({ webAcl: 'none' }).webAcl).toEqual({ mode: 'none' });
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared-edge/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
    expect(settingsWith({ webAclArn: arn }).webAcl).toEqual({ mode: 'existing', arn });
  });

  it('reject a web ACL setting CloudFront could not use, or two that contradict each other', () => {
    expect(() => settingsWith({ webAcl: 'off' })).toThrow(/webAcl/);
    const regional = 'arn:aws:wafv2:eu-west-2:123456789012:regional/webacl/api/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
    expect(() => settingsWith({ webAclArn: regional })).toThrow(/webAclArn/);
    expect(() => settingsWith({ webAclArn: 'my-acl' })).toThrow(/webAclArn/);
    const global = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared-edge/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
    expect(() => settingsWith({ webAcl: 'none', webAclArn: global })).toThrow(/contradict/);
  });

  it('read the bare address out of a From header', () => {
    expect(addressOf('Parent Voice <hello@council.example>')).toBe('hello@council.example');
    expect(addressOf('hello@council.example')).toBe('hello@council.example');
    expect(() => addressOf('Parent Voice')).toThrow(/mailFrom/);
  });
});

describe('function ids', () => {
  it('come from the handler file, so a route keeps its function when the list is reordered', () => {
    expect(functionIdFor('tenants/list-tenants.handler.ts')).toBe('TenantsListTenants');
    expect(functionIdFor('staff/get-me.handler.ts')).toBe('StaffGetMe');
  });
});
