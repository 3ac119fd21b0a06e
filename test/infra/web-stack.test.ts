import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { App, Stack } from 'aws-cdk-lib';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { describe, expect, it } from 'vitest';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { addClientAddressSecret } from '../../cdk/lib/client-address-secret.ts';
import { readSettings } from '../../cdk/lib/settings.ts';
import { originVerifyHeader, viewerAddressHeader, WebStack } from '../../cdk/lib/web-stack.ts';
import { buildApp, builtWeb, cdkContext, defaultTemplates, onlyResourceOf, resourcesOf, synthTemplates, unbuiltWeb } from './parent-voice-app.fixture.ts';

function distributionConfig(template = defaultTemplates().web) {
  const distributions = resourcesOf(template, 'AWS::CloudFront::Distribution');
  expect(distributions).toHaveLength(1);
  return distributions[0]![1].Properties.DistributionConfig;
}

const behaviours = (config: ReturnType<typeof distributionConfig>) => [config.DefaultCacheBehavior, ...(config.CacheBehaviors ?? [])];

describe('CloudFront in front of the web app', () => {
  it('adds the security headers policy to every response', () => {
    const { web } = defaultTemplates();
    const [policyId, policy] = onlyResourceOf(web, 'AWS::CloudFront::ResponseHeadersPolicy');
    for (const behaviour of behaviours(distributionConfig())) {
      expect(behaviour.ResponseHeadersPolicyId, behaviour.PathPattern ?? 'default').toEqual({ Ref: policyId });
    }
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ReferrerPolicy.ReferrerPolicy).toBe('strict-origin-when-cross-origin');
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(headers.ContentSecurityPolicy.ContentSecurityPolicy).toContain("object-src 'none'");
  });

  it('serves nothing over plain HTTP: every behaviour redirects to HTTPS, origins are HTTPS only', () => {
    const config = distributionConfig();
    for (const behaviour of behaviours(config)) {
      expect(behaviour.ViewerProtocolPolicy, behaviour.PathPattern ?? 'default').toBe('redirect-to-https');
    }
    const custom = config.Origins.filter((o: { CustomOriginConfig?: unknown }) => o.CustomOriginConfig);
    expect(custom).toHaveLength(1);
    expect(custom[0].CustomOriginConfig.OriginProtocolPolicy).toBe('https-only');
  });

  it('sends pages to the SSR function URL with the origin secret, uncached, with cookies and every method', () => {
    const config = distributionConfig();
    const ssrOrigin = config.Origins.find((o: { CustomOriginConfig?: unknown }) => o.CustomOriginConfig);
    expect(ssrOrigin.OriginCustomHeaders).toEqual([
      { HeaderName: originVerifyHeader, HeaderValue: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: expect.stringMatching(/^OriginVerifySecret/) }, ':SecretString:::}}']] } },
    ]);
    expect(JSON.stringify(ssrOrigin.DomainName)).toContain('FunctionUrl');
    const page = config.DefaultCacheBehavior;
    expect(page.TargetOriginId).toBe(ssrOrigin.Id);
    expect(page.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(page.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // Managed-CachingDisabled
    expect(page.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac'); // Managed-AllViewerExceptHostHeader
    expect(page.FunctionAssociations).toHaveLength(1);
  });

  it('serves built assets and static files from the private bucket through origin access control', () => {
    const config = distributionConfig();
    const s3Origin = config.Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    const paths = (config.CacheBehaviors as { PathPattern: string; TargetOriginId: string }[]).map((b) => b.PathPattern).sort();
    expect(paths).toEqual(['/_app/*', '/favicon.svg', '/fonts/*', '/robots.txt']);
    for (const behaviour of config.CacheBehaviors) expect(behaviour.TargetOriginId).toBe(s3Origin.Id);
  });

  it('keeps the assets bucket private and TLS only', () => {
    const { web, stacks } = defaultTemplates();
    const assetsId = stacks.web.getLogicalId(stacks.web.node.findChild('Assets').node.defaultChild as never);
    expect(web.toJSON().Resources[assetsId].Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    const policies = resourcesOf(web, 'AWS::S3::BucketPolicy').filter(([, p]) => p.Properties.Bucket.Ref === assetsId);
    expect(JSON.stringify(policies)).toContain('"aws:SecureTransport":"false"');
  });

  it('uploads the client build without the .br/.gz copies, and makes the new server wait for the new chunks', () => {
    const { web, stacks } = defaultTemplates();
    expect(resourcesOf(web, 'Custom::CDKBucketDeployment')).toHaveLength(2);
    // The shared app skips asset staging; stage this stack alone (small) to look inside the upload.
    const app = new App({ context: cdkContext, builtinCloudFormationValidation: false });
    const alone = new WebStack(app, 'WebAlone', {
      settings: readSettings(app.node),
      apiUrl: 'https://api.example',
      clientSecret: addClientAddressSecret(new Stack(app, 'Keys'), 'ClientAddressSecret'),
      webAclArn: undefined,
      webRoot: builtWeb,
    });
    const assets = alone.node.findAll().filter((c): c is Asset => c instanceof Asset && /Assets\/Asset\d+$/.test(c.node.path));
    expect(assets.length).toBe(2);
    for (const asset of assets) {
      const staged = readdirSync(join(app.synth().directory, asset.assetPath), { recursive: true }).map(String);
      expect(staged).toEqual(expect.arrayContaining(['favicon.svg', 'robots.txt', join('_app', 'immutable', 'chunks', 'entry.js')]));
      expect(staged.filter((file) => /\.(br|gz)$/.test(file))).toEqual([]);
    }
    const ssrId = stacks.web.getLogicalId(stacks.web.ssr.fn.node.defaultChild as never);
    expect(web.toJSON().Resources[ssrId].DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ImmutableAssetsCustomResource/)]));
  });

  it('gives the SSR function the API and the origin secret, and nothing of Cognito (sign-in goes through the API)', () => {
    const { web, stacks } = defaultTemplates();
    const ssrId = stacks.web.getLogicalId(stacks.web.ssr.fn.node.defaultChild as never);
    const env = web.toJSON().Resources[ssrId].Properties.Environment.Variables;
    expect(JSON.stringify(env.API_URL)).toMatch(/ExportsOutputFnGetAttHttpApi/);
    expect(Object.keys(env).filter((k) => k.startsWith('COGNITO'))).toEqual([]);
    expect(env.ORIGIN_VERIFY_HEADER).toBe(originVerifyHeader);
    expect(JSON.stringify(env.ORIGIN_VERIFY_SECRET)).toContain('{{resolve:secretsmanager:');
    expect(env.ORIGIN).toBeUndefined();
  });
});

type ViewerRequest = { headers: Record<string, { value: string; multiValue?: { value: string }[] }> };

/** Runs the deployed CloudFront Function's code (from the template) on a viewer request, as CloudFront would. */
function runViewerRequestFunction(request: ViewerRequest, viewerIp: string): ViewerRequest {
  const { web } = defaultTemplates();
  const [, fn] = onlyResourceOf(web, 'AWS::CloudFront::Function');
  expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
  const event = { version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: viewerIp }, request };
  return runInNewContext(`${fn.Properties.FunctionCode as string}\nhandler(event);`, { event }) as ViewerRequest;
}

describe('the viewer-request function on pages', () => {
  it('is the one function on the SSR behaviour, run on viewer requests', () => {
    const { web } = defaultTemplates();
    const [fnId] = onlyResourceOf(web, 'AWS::CloudFront::Function');
    const associations = distributionConfig().DefaultCacheBehavior.FunctionAssociations;
    expect(associations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } }]);
  });

  it('sets the viewer address header from the address CloudFront saw, replacing one the browser sent', () => {
    const forged = { value: '1.2.3.4', multiValue: [{ value: '1.2.3.4' }, { value: '5.6.7.8' }] };
    const out = runViewerRequestFunction(
      { headers: { host: { value: 'parentvoice.example.org' }, [viewerAddressHeader]: forged } },
      '203.0.113.9',
    );
    expect(out.headers[viewerAddressHeader]).toEqual({ value: '203.0.113.9' });
    expect(out.headers['x-forwarded-host']).toEqual({ value: 'parentvoice.example.org' });
    expect(out.headers.host).toEqual({ value: 'parentvoice.example.org' });
  });

  it('sets the viewer address header when the browser sent none (IPv6 too)', () => {
    const out = runViewerRequestFunction({ headers: { host: { value: 'd111.cloudfront.net' } } }, '2001:db8::7');
    expect(out.headers[viewerAddressHeader]).toEqual({ value: '2001:db8::7' });
  });

  it('forwards every viewer header but Host to the SSR origin, so the origin gets the header the function set', () => {
    // Managed-AllViewerExceptHostHeader: headers added by a viewer-request function count as viewer headers.
    expect(distributionConfig().DefaultCacheBehavior.OriginRequestPolicyId).toBe('b689b0a8-53d0-40ab-baf2-68738e2966ac');
  });
});

describe('a fresh clone without a web build', () => {
  it('still synthesises: a placeholder SSR function, no asset upload, and a warning', () => {
    const { stacks } = buildApp({ webRoot: unbuiltWeb });
    const web = Template.fromStack(stacks.web);
    expect(resourcesOf(web, 'Custom::CDKBucketDeployment')).toHaveLength(0);
    expect(resourcesOf(web, 'AWS::Lambda::Function')).toHaveLength(1);
    expect(distributionConfig(web).CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern)).toEqual(['/_app/*']);
    Annotations.fromStack(stacks.web).hasWarning('*', Match.stringLikeRegexp('web app is not built'));
  });

  it('refuses to synthesise in strict mode (the default for prod)', () => {
    expect(() => buildApp({ webRoot: unbuiltWeb, context: { strict: 'true' } })).toThrow(/not built.*strict mode/s);
    expect(() => buildApp({ webRoot: unbuiltWeb, context: { env: 'prod' } })).toThrow(/strict mode/);
  });
});

describe('a custom domain', () => {
  it('uses the certificate with TLS 1.2 and tells SvelteKit its origin', () => {
    const { web, stacks } = synthTemplates({
      context: { domainName: 'parentvoice.example.org', certificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/abc' },
    });
    const config = distributionConfig(web);
    expect(config.Aliases).toEqual(['parentvoice.example.org']);
    expect(config.ViewerCertificate).toMatchObject({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    const ssrId = stacks.web.getLogicalId(stacks.web.ssr.fn.node.defaultChild as never);
    expect(web.toJSON().Resources[ssrId].Properties.Environment.Variables.ORIGIN).toBe('https://parentvoice.example.org');
  });
});
