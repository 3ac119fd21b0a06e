import type { Node } from 'constructs';

/**
 * Everything an environment can change, read once from CDK context (cdk.json, or `-c key=value`).
 * Nothing else in the app reads context, so this file is the list of knobs.
 */
export interface Settings {
  /** Environment name: part of every stack name and the table name (`dev`, `staging`, `prod`). */
  envName: string;
  /** Optional pinned account/region; without them the stacks are environment-agnostic. */
  account: string | undefined;
  region: string | undefined;
  /** The From header of outgoing mail, e.g. `Parent Voice <no-reply@parent-voice.example>`. */
  mailFrom: string;
  /** Bare address from mailFrom; the outbox sender may only send as this address. */
  mailFromAddress: string;
  /**
   * The SES identity the outbox sender may send as: a verified domain (`parent-voice.example`) or
   * email address. Defaults to the domain of mailFrom. Becomes
   * `arn:<partition>:ses:<region>:<account>:identity/<sesIdentity>` in the sender's policy.
   */
  sesIdentity: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** HTTP API stage default throttling (requests per second, and burst). */
  apiRateLimit: number;
  apiBurstLimit: number;
  /** Cognito feature plan: `plus` (threat protection, enforced) or `essentials` (cheaper, none). */
  cognitoFeaturePlan: 'plus' | 'essentials';
  /**
   * The WAF web ACL on CloudFront. By default the app makes its own (EdgeStack, us-east-1);
   * `-c webAcl=none` goes without one; `-c webAclArn=arn:…` attaches an existing one (scope CLOUDFRONT,
   * so an ARN in us-east-1) instead.
   */
  webAcl: WebAclSetting;
  /** Optional custom domain for CloudFront; needs certificateArn (ACM, us-east-1). */
  domainName: string | undefined;
  certificateArn: string | undefined;
  /**
   * Where families open the links in our emails (confirm membership, sign in, reply to a meeting):
   * https://<domainName>, or context "publicWebUrl" (the CloudFront address, after the first deploy).
   */
  publicWebUrl: string;
  /**
   * When true, a missing web build fails synth instead of deploying a placeholder SSR function.
   * Defaults to true for `prod`.
   */
  strict: boolean;
}

export type WebAclSetting = { mode: 'create' } | { mode: 'none' } | { mode: 'existing'; arn: string };

const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;

function str(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

function num(node: Node, key: string, fallback: number): number {
  const raw = str(node, key);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`Context "${key}" must be a positive number, got "${raw}"`);
  return value;
}

/** `Parent Voice <no-reply@x.example>` → `no-reply@x.example`. */
export function addressOf(mailFrom: string): string {
  const match = /<([^>]+)>/.exec(mailFrom);
  const address = (match?.[1] ?? mailFrom).trim();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) throw new Error(`mailFrom has no valid address: "${mailFrom}"`);
  return address;
}

/** CloudFront takes only global web ACLs, whose ARNs are in us-east-1: `arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>`. */
const cloudFrontWebAclArn = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[^/]+\/[^/]+$/;

function readWebAcl(node: Node): WebAclSetting {
  const mode = str(node, 'webAcl');
  const arn = str(node, 'webAclArn');
  if (mode !== undefined && mode !== 'none') {
    throw new Error(`Context "webAcl" can only be "none" (no web ACL on CloudFront), got "${mode}"; use webAclArn for an existing one`);
  }
  if (mode === 'none') {
    if (arn) throw new Error('Context "webAcl=none" and "webAclArn" contradict each other: set one or neither');
    return { mode: 'none' };
  }
  if (arn === undefined) return { mode: 'create' };
  if (!cloudFrontWebAclArn.test(arn)) {
    throw new Error(`Context "webAclArn" must be the ARN of a CloudFront (global, us-east-1) WAFv2 web ACL, got "${arn}"`);
  }
  return { mode: 'existing', arn };
}

export function readSettings(node: Node): Settings {
  const envName = str(node, 'env') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(envName)) {
    throw new Error(`Context "env" must be lower-case letters, digits and dashes (max 20), got "${envName}"`);
  }
  const mailFrom = str(node, 'mailFrom') ?? 'Parent Voice <no-reply@parent-voice.example>';
  const mailFromAddress = addressOf(mailFrom);
  const logLevel = str(node, 'logLevel') ?? 'info';
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new Error(`Context "logLevel" must be one of ${logLevels.join(', ')}, got "${logLevel}"`);
  }
  const plan = str(node, 'cognitoFeaturePlan') ?? 'plus';
  if (plan !== 'plus' && plan !== 'essentials') {
    throw new Error(`Context "cognitoFeaturePlan" must be plus or essentials, got "${plan}"`);
  }
  const domainName = str(node, 'domainName');
  const certificateArn = str(node, 'certificateArn');
  if (Boolean(domainName) !== Boolean(certificateArn)) {
    throw new Error('Context "domainName" and "certificateArn" go together: set both or neither');
  }
  const strictRaw = str(node, 'strict');
  return {
    envName,
    account: str(node, 'account'),
    region: str(node, 'region'),
    mailFrom,
    mailFromAddress,
    sesIdentity: str(node, 'sesIdentity') ?? mailFromAddress.split('@')[1]!,
    logLevel: logLevel as Settings['logLevel'],
    apiRateLimit: num(node, 'apiRateLimit', 50),
    apiBurstLimit: num(node, 'apiBurstLimit', 100),
    cognitoFeaturePlan: plan,
    webAcl: readWebAcl(node),
    domainName,
    certificateArn,
    publicWebUrl: domainName ? `https://${domainName}` : (str(node, 'publicWebUrl') ?? 'https://parent-voice.invalid'),
    strict: strictRaw === undefined ? envName === 'prod' : strictRaw === 'true',
  };
}
