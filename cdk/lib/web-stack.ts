import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Annotations, CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { Policy } from 'aws-cdk-lib/aws-iam';
import { FunctionUrlAuthType, InvokeMode } from 'aws-cdk-lib/aws-lambda';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { Construct } from 'constructs';
import { addSharedToken, clientSecretVariable } from './client-address-secret.ts';
import { ApiFunction } from './constructs/api-function.ts';
import { paths } from './paths.ts';
import type { Settings } from './settings.ts';

export interface WebStackProps extends StackProps {
  settings: Settings;
  /** Base URL of the HTTP API, no trailing slash. */
  apiUrl: string;
  /**
   * The WAF web ACL to attach to CloudFront (the EdgeStack's, or an existing one from context);
   * undefined only with `-c webAcl=none`.
   */
  webAclArn: string | undefined;
  /** The API stack's client-address signing key: the SSR function signs the viewer address with it. */
  clientSecret: ISecret;
  /** The web workspace (lambda/handler.ts, build/); tests point it elsewhere. */
  webRoot?: string;
}

/** The header CloudFront adds to every SSR request; the SSR handler rejects requests without it. */
export const originVerifyHeader = 'x-origin-verify';

/** Pre-compressed copies vite writes next to static files; never uploaded or routed. */
const precompressed = /\.(br|gz)$/;

/**
 * The header that carries the viewer's IP address to the SSR function. Only the CloudFront Function
 * below sets it, from event.viewer.ip, after deleting whatever the browser sent under that name: the
 * address anti-automation limits count by is one a client cannot choose.
 */
export const viewerAddressHeader = 'x-pv-viewer-address';

/**
 * Runs on every viewer request to the SSR origin (CloudFront Functions, JS 2.0).
 * - Copies the viewer's Host into x-forwarded-host: CloudFront must send the function URL's own
 *   host as Host, and SvelteKit needs the public one to build URLs and to pass its CSRF origin check.
 * - Sets x-pv-viewer-address to the address CloudFront saw the connection come from.
 * Headers a viewer-request function adds are part of the viewer request from then on, so the
 * behaviour's origin request policy (all viewer headers except Host) forwards both to the origin.
 */
export const forwardHostCode = `function handler(event) {
  var request = event.request;
  request.headers['x-forwarded-host'] = { value: request.headers.host.value };
  delete request.headers['${viewerAddressHeader}'];
  request.headers['${viewerAddressHeader}'] = { value: event.viewer.ip };
  return request;
}`;

/**
 * For responses that carry no CSP of their own (S3 files). Pages get SvelteKit's (kit.csp, with
 * nonces), which takes precedence (override: false); the directives here match it.
 */
const baselineCsp = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

interface WebBuild {
  /** web/lambda/handler.ts, when the SSR adapter and the SvelteKit server build both exist. */
  ssrEntry: string | undefined;
  /** web/build/client, when it exists: uploaded to S3. */
  clientDir: string | undefined;
}

function findWebBuild(webRoot: string): WebBuild {
  const handler = resolve(webRoot, 'lambda/handler.ts');
  const server = resolve(webRoot, 'build/server/index.js');
  const client = resolve(webRoot, 'build/client');
  return {
    ssrEntry: existsSync(handler) && existsSync(server) ? handler : undefined,
    clientDir: existsSync(client) ? client : undefined,
  };
}

/**
 * The SvelteKit app: SSR in a Lambda behind a function URL, built assets in a private S3 bucket,
 * both behind one CloudFront distribution that adds the security headers.
 * Without a web build (a fresh clone) the stack still synthesises: the SSR function is a
 * placeholder that answers 503, and no assets are uploaded.
 */
export class WebStack extends Stack {
  readonly distribution: Distribution;
  readonly ssr: ApiFunction;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const build = findWebBuild(props.webRoot ?? paths.webRoot);
    if (!build.ssrEntry || !build.clientDir) {
      const message =
        'The web app is not built (web/lambda/handler.ts, web/build/server or web/build/client missing): ' +
        'what is missing is replaced by a placeholder (SSR answering 503) or left out (assets). Run `npm run build` first.';
      if (settings.strict) throw new Error(`${message} (strict mode refuses it)`);
      Annotations.of(this).addWarningV2('pv:web-placeholder', message);
    }

    const logs = new Bucket(this, 'Logs', {
      // CloudFront standard logging writes with ACLs.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(90) }],
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket for CloudFront and the assets bucket; logging it into itself would loop.',
    });

    const assets = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 's3-assets/',
    });

    const originSecret = addSharedToken(
      this,
      'OriginVerifySecret',
      'Sent by CloudFront to the SSR function URL; requests without it are refused.',
      'A shared token proving a request came through CloudFront, not a credential to data. CloudFront and the SSR ' +
        'function read it at deploy time, so a rotation Lambda could not update them; rotate by replacing it and deploying.',
    );
    const originSecretValue = originSecret.secretValue.unsafeUnwrap();

    this.ssr = new ApiFunction(this, 'Ssr', {
      entry: build.ssrEntry ?? resolve(import.meta.dirname, 'placeholders/web-not-built.handler.ts'),
      description: 'SvelteKit server-side rendering',
      memorySize: 1024,
      timeout: Duration.seconds(15),
      environment: {
        NODE_ENV: 'production',
        API_URL: props.apiUrl,
        ORIGIN_VERIFY_HEADER: originVerifyHeader,
        ORIGIN_VERIFY_SECRET: originSecretValue,
        [clientSecretVariable]: props.clientSecret.secretValue.unsafeUnwrap(),
        ...(settings.domainName ? { ORIGIN: `https://${settings.domainName}` } : {}),
      },
    });
    const ssrUrl = this.ssr.fn.addFunctionUrl({
      // Not AWS_IAM + origin access control: with OAC, browsers would have to sign POST bodies
      // (x-amz-content-sha256), which a plain HTML form cannot. The origin header stands in for it.
      authType: FunctionUrlAuthType.NONE,
      invokeMode: InvokeMode.BUFFERED,
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      responseHeadersPolicyName: `parent-voice-${settings.envName}-security-headers`,
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: baselineCsp, override: false },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
      removeHeaders: ['x-powered-by'],
    });

    const forwardHost = new CloudFrontFunction(this, 'ForwardHost', {
      code: FunctionCode.fromInline(forwardHostCode),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Copies Host to x-forwarded-host and sets x-pv-viewer-address from the viewer IP',
    });

    const staticBehavior: BehaviorOptions = {
      origin: S3BucketOrigin.withOriginAccessControl(assets),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: securityHeaders,
      compress: true,
    };
    const additionalBehaviors: Record<string, BehaviorOptions> = { '/_app/*': staticBehavior };
    // Files from web/static sit at the root of build/client: each gets its own behaviour to S3.
    for (const name of build.clientDir ? readdirSync(build.clientDir) : []) {
      if (name === '_app' || precompressed.test(name)) continue;
      const isDir = statSync(resolve(build.clientDir!, name)).isDirectory();
      additionalBehaviors[isDir ? `/${name}/*` : `/${name}`] = staticBehavior;
    }
    if (Object.keys(additionalBehaviors).length > 20) {
      throw new Error('More than 20 top-level entries in web/static: move them into a folder (CloudFront allows 25 behaviours)');
    }

    const customDomain = settings.domainName && settings.certificateArn;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Parent Voice ${settings.envName}`,
      defaultBehavior: {
        origin: new FunctionUrlOrigin(ssrUrl, {
          customHeaders: { [originVerifyHeader]: originSecretValue },
          readTimeout: Duration.seconds(30),
        }),
        // HTTP gets a redirect to HTTPS and nothing else (HSTS then keeps the browser on HTTPS).
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: securityHeaders,
        functionAssociations: [{ function: forwardHost, eventType: FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      ...(customDomain
        ? {
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
            domainNames: [settings.domainName!],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', settings.certificateArn!),
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
    });

    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Parents, carers and partners may use the service from abroad; no country is blocked.',
    });
    if (!props.webAclArn) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'The web ACL was turned off on purpose (context webAcl=none), e.g. for a short-lived test environment. ' +
          'The API stage is still throttled and the SSR function is only reachable with the CloudFront origin header.',
      });
    }
    if (!customDomain) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose TLS policy ' +
          'cannot be set; with domainName/certificateArn the distribution uses TLSv1.2_2021.',
      });
    }

    if (build.clientDir) this.uploadAssets(build.clientDir, assets);

    new CfnOutput(this, 'Url', { value: `https://${settings.domainName ?? this.distribution.distributionDomainName}` });
  }

  /**
   * build/client → S3. Hashed files under _app/immutable are cached for a year and never pruned
   * (pages still open in a browser keep loading them after a deploy); everything else for five minutes.
   */
  private uploadAssets(clientDir: string, bucket: Bucket): void {
    // The build's .br/.gz copies stay out: CloudFront compresses on the fly (compress: true).
    const source = Source.asset(clientDir, { exclude: ['*.br', '*.gz'] });
    const immutable = new BucketDeployment(this, 'ImmutableAssets', {
      sources: [source],
      destinationBucket: bucket,
      exclude: ['*'],
      include: ['_app/immutable/*'],
      prune: false,
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.days(365)), CacheControl.immutable()],
    });
    // No CloudFront invalidation (it would need cloudfront:CreateInvalidation on "*"): pages are not
    // cached at all, and the other files carry max-age=300, so CloudFront refetches them within minutes.
    const rest = new BucketDeployment(this, 'OtherAssets', {
      sources: [source],
      destinationBucket: bucket,
      exclude: ['_app/immutable/*'],
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.minutes(5))],
    });
    rest.node.addDependency(immutable);
    // New chunks are in S3 before the new server code that links to them goes live.
    this.ssr.fn.node.addDependency(immutable);
    acknowledgeBucketDeploymentProvider(this);
  }
}

/**
 * BucketDeployment runs one CDK-owned Lambda (Python, deploy time only) that copies the asset zip
 * into the bucket. Its role is CDK's: the basic execution managed policy and s3 wildcard actions on
 * the two buckets. Acknowledged here, and only those shapes: anything else fails the synth.
 */
function acknowledgeBucketDeploymentProvider(stack: Stack): void {
  const provider = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!provider) throw new Error('BucketDeployment provider not found: CDK changed how it is named');
  const why = 'CDK\'s BucketDeployment provider (runs only during deploys to copy build/client into the assets bucket); its role and runtime are set by aws-cdk-lib.';
  const ack = (id: string, detail: string) => Validations.of(provider).acknowledge({ id, reason: `${why} ${detail}` });
  ack('AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', 'The managed policy only lets it write its own logs.');
  ack('AwsSolutions-L1', 'The Python runtime is chosen by aws-cdk-lib, not by this project.');

  const role = provider.node.tryFindChild('ServiceRole');
  const policy = role?.node.tryFindChild('DefaultPolicy') as Policy | undefined;
  if (!policy) throw new Error('BucketDeployment provider has no default policy: CDK changed');
  const statements = (stack.resolve(policy.document.toJSON()) as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement;
  for (const statement of statements) {
    for (const action of ([] as string[]).concat(statement.Action)) {
      if (!action.includes('*')) continue;
      if (!/^s3:[A-Za-z]+\*$/.test(action)) throw new Error(`Unexpected wildcard action in BucketDeployment role: ${action}`);
      ack(`AwsSolutions-IAM5[Action::${action}]`, 'grantRead/grantReadWrite action groups (s3:GetObject*, s3:List*, …) on the two buckets only.');
    }
    for (const resource of ([] as unknown[]).concat(statement.Resource)) {
      const rendered = flattenCfnReference(resource);
      if (!rendered.includes('*')) continue;
      if (rendered === '*' || !rendered.endsWith('/*')) throw new Error(`Unexpected wildcard resource in BucketDeployment role: ${rendered}`);
      ack(`AwsSolutions-IAM5[Resource::${rendered}]`, 'Objects of the CDK asset bucket (the zip) or of the assets bucket (the copies).');
    }
  }
}
