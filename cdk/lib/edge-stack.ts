import { CfnOutput, Fn, Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** CloudFront only takes web ACLs of scope CLOUDFRONT, and those can only be created in us-east-1. */
export const edgeRegion = 'us-east-1';

/** Per IP address, over WAF's evaluation window of five minutes. */
export const rateLimits = { allRequests: 2000, posts: 300, windowSeconds: 300 } as const;

export interface EdgeStackProps extends StackProps {
  envName: string;
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

const tooManyRequests: CfnWebACL.RuleActionProperty = {
  block: { customResponse: { responseCode: 429, customResponseBodyKey: 'too-many-requests' } },
};

const managedRuleGroup = (
  name: string,
  priority: number,
  ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[],
): CfnWebACL.RuleProperty => ({
  name: `AWS-${name}`,
  priority,
  // The group's own actions apply (None = don't override them).
  overrideAction: { none: {} },
  statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ...(ruleActionOverrides ? { ruleActionOverrides } : {}) } },
  visibilityConfig: visibility(`AWS-${name}`),
});

/**
 * The WAF web ACL in front of CloudFront, in its own stack pinned to us-east-1 (whatever region the
 * other stacks use). Anti-automation that no client can switch off: per-IP rate limits, counted by
 * CloudFront's view of the address, and AWS's managed rules for common exploits and known bad inputs.
 *
 * The web stack reads the ACL's ARN with `Fn::GetStackOutput` (webAclArnOutput), not with CDK's
 * `crossRegionReferences`: those need an explicit region on both stacks at synth time (CDK refuses
 * an environment-agnostic consumer: "Cross stack/region references are only supported for stacks
 * with an explicit region defined"), and add a custom-resource Lambda and SSM parameters per region.
 * `Fn::GetStackOutput` is plain CloudFormation: resolved at deploy time, from us-east-1, whichever
 * region the web stack lands in. It is a weak reference, which is safe here: the ACL keeps a fixed
 * name (so a fixed ARN), and WAF refuses to delete an ACL a distribution still uses.
 */
export class EdgeStack extends Stack {
  readonly webAcl: CfnWebACL;
  /** The ACL's ARN, for a stack in any region (resolved at deploy time; add a dependency on this stack). */
  readonly webAclArnOutput: string;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { ...props, env: { ...(props.env?.account ? { account: props.env.account } : {}), region: edgeRegion } });
    const prefix = `parent-voice-${props.envName}`;

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: `${prefix}-web`,
      description: 'Parent Voice CloudFront: per-IP rate limits and AWS managed rules',
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`${prefix}-web`),
      customResponseBodies: {
        'too-many-requests': {
          contentType: 'TEXT_PLAIN',
          content: 'Too many requests from your network. Please wait a few minutes and try again.',
        },
      },
      rules: [
        {
          // Flooding of any kind: pages, assets and posts together.
          name: 'RateLimitPerIp',
          priority: 0,
          action: tooManyRequests,
          statement: {
            rateBasedStatement: { limit: rateLimits.allRequests, evaluationWindowSec: rateLimits.windowSeconds, aggregateKeyType: 'IP' },
          },
          visibilityConfig: visibility(`${prefix}-rate-all`),
        },
        {
          // Form posts (joining, surveys, feedback, sign-in) write data or send mail: a much lower limit.
          name: 'RateLimitPostsPerIp',
          priority: 1,
          action: tooManyRequests,
          statement: {
            rateBasedStatement: {
              limit: rateLimits.posts,
              evaluationWindowSec: rateLimits.windowSeconds,
              aggregateKeyType: 'IP',
              scopeDownStatement: {
                byteMatchStatement: {
                  fieldToMatch: { method: {} },
                  positionalConstraint: 'EXACTLY',
                  searchString: 'POST',
                  textTransformations: [{ priority: 0, type: 'NONE' }],
                },
              },
            },
          },
          visibilityConfig: visibility(`${prefix}-rate-posts`),
        },
        // SizeRestrictions_BODY blocks bodies over 8 KB: a long piece of feedback in a plain form post
        // can pass that, so it only counts (the SSR function and the API check sizes themselves).
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 2, [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }]),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 3),
      ],
    });

    const output = new CfnOutput(this, 'WebAclArn', { value: this.webAcl.attrArn, description: 'The CloudFront web ACL' });
    // Named outright: the web stack's template refers to it by this name.
    output.overrideLogicalId('WebAclArn');
    this.webAclArnOutput = Fn.getStackOutput(this.stackName, 'WebAclArn', edgeRegion);
  }
}
