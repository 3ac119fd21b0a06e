import { Validations } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { edgeRegion, rateLimits } from '../../cdk/lib/edge-stack.ts';
import { defaultTemplates, onlyResourceOf, resourcesOf, synthTemplates, type Templates } from './parent-voice-app.fixture.ts';

const existingArn = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared-edge/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';

function distributionConfig(templates: Templates) {
  const [, distribution] = onlyResourceOf(templates.web, 'AWS::CloudFront::Distribution');
  return distribution.Properties.DistributionConfig;
}

type Rule = { Name: string; Priority: number; Statement: any; Action?: any; OverrideAction?: any; VisibilityConfig: any };

function webAclOf(templates: Templates): { id: string; properties: Record<string, any>; rules: Map<string, Rule> } {
  expect(templates.edge).toBeDefined();
  const [id, acl] = onlyResourceOf(templates.edge!, 'AWS::WAFv2::WebACL');
  return { id, properties: acl.Properties, rules: new Map((acl.Properties.Rules as Rule[]).map((rule) => [rule.Name, rule])) };
}

const blockedWith429 = { Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'too-many-requests' } } };

describe('the CloudFront web ACL made by default', () => {
  it('lives in its own stack in us-east-1, with scope CLOUDFRONT, allowing what no rule blocks', () => {
    const templates = defaultTemplates();
    expect(templates.stacks.edge!.region).toBe(edgeRegion);
    // The other stacks stay environment-agnostic (no account or region in context).
    expect(templates.stacks.web.region).toMatch(/^\$\{Token\[AWS\.Region/);
    const { properties } = webAclOf(templates);
    expect(properties.Scope).toBe('CLOUDFRONT');
    expect(properties.Name).toBe('parent-voice-dev-web');
    expect(properties.DefaultAction).toEqual({ Allow: {} });
  });

  it('limits every IP address to 2,000 requests in five minutes, answering 429 beyond that', () => {
    const rule = webAclOf(defaultTemplates()).rules.get('RateLimitPerIp')!;
    expect(rule.Statement).toEqual({ RateBasedStatement: { Limit: 2000, EvaluationWindowSec: 300, AggregateKeyType: 'IP' } });
    expect(rule.Action).toEqual(blockedWith429);
    expect(rateLimits).toEqual({ allRequests: 2000, posts: 300, windowSeconds: 300 });
  });

  it('limits every IP address to 300 POST requests in five minutes, answering 429 beyond that', () => {
    const { rules, properties } = webAclOf(defaultTemplates());
    const rule = rules.get('RateLimitPostsPerIp')!;
    expect(rule.Statement.RateBasedStatement).toMatchObject({ Limit: 300, EvaluationWindowSec: 300, AggregateKeyType: 'IP' });
    expect(rule.Statement.RateBasedStatement.ScopeDownStatement).toEqual({
      ByteMatchStatement: {
        FieldToMatch: { Method: {} },
        PositionalConstraint: 'EXACTLY',
        SearchString: 'POST',
        TextTransformations: [{ Priority: 0, Type: 'NONE' }],
      },
    });
    expect(rule.Action).toEqual(blockedWith429);
    expect(properties.CustomResponseBodies['too-many-requests'].ContentType).toBe('TEXT_PLAIN');
  });

  it('applies AWS\'s common and known-bad-input rules, counting (not blocking) large form bodies', () => {
    const { rules } = webAclOf(defaultTemplates());
    const common = rules.get('AWS-AWSManagedRulesCommonRuleSet')!;
    expect(common.Statement.ManagedRuleGroupStatement).toEqual({
      VendorName: 'AWS',
      Name: 'AWSManagedRulesCommonRuleSet',
      RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
    });
    const badInputs = rules.get('AWS-AWSManagedRulesKnownBadInputsRuleSet')!;
    expect(badInputs.Statement.ManagedRuleGroupStatement).toEqual({ VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' });
    for (const group of [common, badInputs]) expect(group.OverrideAction).toEqual({ None: {} });
  });

  it('has exactly these four rules, rate limits first, each with metrics and sampled requests', () => {
    const { rules, properties } = webAclOf(defaultTemplates());
    const ordered = [...rules.values()].sort((a, b) => a.Priority - b.Priority).map((rule) => rule.Name);
    expect(ordered).toEqual(['RateLimitPerIp', 'RateLimitPostsPerIp', 'AWS-AWSManagedRulesCommonRuleSet', 'AWS-AWSManagedRulesKnownBadInputsRuleSet']);
    for (const config of [properties.VisibilityConfig, ...[...rules.values()].map((rule) => rule.VisibilityConfig)]) {
      expect(config).toMatchObject({ CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true, MetricName: expect.any(String) });
    }
  });

  it('is attached to the distribution, read from the edge stack\'s output in us-east-1, which deploys first', () => {
    const templates = defaultTemplates();
    const { id } = webAclOf(templates);
    expect(templates.edge!.toJSON().Outputs.WebAclArn.Value).toEqual({ 'Fn::GetAtt': [id, 'Arn'] });
    expect(distributionConfig(templates).WebACLId).toEqual({
      'Fn::GetStackOutput': { StackName: 'ParentVoice-dev-Edge', OutputName: 'WebAclArn', Region: 'us-east-1' },
    });
    expect(templates.stacks.web.dependencies).toContain(templates.stacks.edge);
  });

  it('stays in us-east-1 when the other stacks are pinned to another region', () => {
    const templates = synthTemplates({ context: { account: '123456789012', region: 'eu-west-2' } });
    expect(templates.stacks.web.region).toBe('eu-west-2');
    expect(templates.stacks.edge!.region).toBe('us-east-1');
    expect(templates.stacks.edge!.account).toBe('123456789012');
    expect(distributionConfig(templates).WebACLId['Fn::GetStackOutput'].Region).toBe('us-east-1');
  });
});

describe('the web ACL context flags', () => {
  it('webAcl=none: no edge stack, no ACL on the distribution, and cdk-nag\'s CFR2 acknowledged with a reason', () => {
    const templates = synthTemplates({ context: { webAcl: 'none' } });
    expect(templates.stacks.edge).toBeUndefined();
    expect(templates.all.flatMap((template) => resourcesOf(template, 'AWS::WAFv2::WebACL'))).toEqual([]);
    expect(distributionConfig(templates).WebACLId).toBeUndefined();
    const acks = templates.stacks.web.distribution.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(JSON.stringify(acks)).toMatch(/AwsSolutions-CFR2.*webAcl=none/);
  });

  it('webAclArn: attaches that ACL instead of making one', () => {
    const templates = synthTemplates({ context: { webAclArn: existingArn } });
    expect(templates.stacks.edge).toBeUndefined();
    expect(distributionConfig(templates).WebACLId).toBe(existingArn);
  });

  it('by default, CFR2 is not acknowledged: the distribution has a web ACL', () => {
    const acks = defaultTemplates().stacks.web.distribution.node.metadata.filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY);
    expect(JSON.stringify(acks)).not.toContain('AwsSolutions-CFR2');
  });
});
