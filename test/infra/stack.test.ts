/**
 * The tenant stack as `cdk synth -c tenant=acme` builds it. Synthesized once for the whole
 * file, without esbuild (bundle.test.ts covers the bundles); every test reads the same template.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { Token } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtime } from '../../infra/sharelink-function.js';
import { routes, type Route } from '../../functions/routes.js';
import { tableSchema } from '../../functions/lib/table.js';
import { fileObjectActions, signingKeyActions, tableActions } from '../../infra/access.js';
import { apiThrottle } from '../../infra/api.js';
import { shareRewriteFunctionCode, viewerAddressFunctionCode } from '../../infra/edge.js';
import { findCycle, onlyResource, render, resources, synthTenants, type Resource, type SynthResult } from './support.js';

const allRoutes = routes as readonly Route[];
// Ids of CloudFront's managed policies (documented and fixed across accounts).
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

let synth: SynthResult;
let template: Template;

beforeAll(() => {
  synth = synthTenants([{ tenant: 'acme' }], { bundle: false });
  template = synth.templates[0]!;
});
afterAll(() => synth?.cleanup());

const ref = (logicalId: string) => ({ Ref: logicalId });
const logicalIdOf = (type: string) => onlyResource(template, type)[0];
const secretId = (prefix: string) => Object.keys(resources(template, 'AWS::SecretsManager::Secret')).find((id) => id.startsWith(prefix))!;

/** The route's Lambda function, found by the description the stack gives it. */
function functionFor(route: Route): [string, Resource] {
  const matches = Object.entries(resources(template, 'AWS::Lambda::Function')).filter(
    ([, fn]) => fn.Properties.Description === `ShareLink ${route.method} ${route.path}`,
  );
  expect(matches, `${route.method} ${route.path}`).toHaveLength(1);
  return matches[0]!;
}

/** Every IAM action the route's function may perform, from all policies attached to its role. */
function actionsOf(route: Route): { action: string; resources: string[] }[] {
  const [, fn] = functionFor(route);
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  const role = resources(template)[roleId]!;
  expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
  return Object.values(resources(template, 'AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((r: unknown) => render(r) === `\${${roleId}}`))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Effect: string; Action: string | string[]; Resource: unknown }[])
    .flatMap((statement) => {
      expect(statement.Effect).toBe('Allow');
      const targets = [statement.Resource].flat().map(render);
      return [statement.Action].flat().map((action) => ({ action, resources: targets }));
    });
}

const byHandler = (handler: string) => allRoutes.find((route) => route.handler === handler)!;

describe('route functions', () => {
  it('pins nodejs24.x itself, not NODEJS_LATEST, and synthesizes without warnings', () => {
    expect(runtime.isVariable).toBe(false);
    const warnings = Annotations.fromStack(synth.stacks[0]!).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => `${w.id}: ${JSON.stringify(w.entry.data)}`)).toEqual([]);
  });

  it('creates one function per route entry, on nodejs24.x arm64 with the shared defaults', () => {
    const routeFunctions = Object.values(resources(template, 'AWS::Lambda::Function')).filter((fn) =>
      String(fn.Properties.Description).startsWith('ShareLink '),
    );
    expect(routeFunctions).toHaveLength(allRoutes.length);
    for (const fn of routeFunctions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps', POWERTOOLS_SERVICE_NAME: 'sharelink' } },
      });
      expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(256);
      expect(fn.Properties.MemorySize).toBeLessThanOrEqual(512);
      expect(fn.Properties.Timeout).toBeLessThanOrEqual(29);
    }
  });

  it('gives each function its own log group with a retention period', () => {
    for (const route of allRoutes) {
      const [, fn] = functionFor(route);
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(resources(template)[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    }
  });

  it('passes every function the resource names of the preamble contract', () => {
    const table = logicalIdOf('AWS::DynamoDB::GlobalTable');
    const secret = secretId('DataSigningKey');
    const originVerify = secretId('SiteOriginVerify');
    const distribution = logicalIdOf('AWS::CloudFront::Distribution');
    const [filesBucket] = Object.entries(resources(template, 'AWS::S3::Bucket')).find(([, bucket]) => bucket.Properties.BucketName)!;
    for (const route of allRoutes) {
      const variables = functionFor(route)[1].Properties.Environment.Variables;
      expect(variables.TABLE_NAME).toEqual(ref(table));
      expect(variables.FILES_BUCKET).toEqual(ref(filesBucket));
      expect(variables.SIGNING_KEY_SECRET_ID).toEqual(ref(secret));
      expect(render(variables.PUBLIC_BASE_URL)).toBe(`https://\${${distribution}.DomainName}`);
      expect(render(variables.ORIGIN_VERIFY_SECRET)).toBe(`{{resolve:secretsmanager:\${${originVerify}}:SecretString:::}}`);
    }
  });
});

describe('least-privilege grants from the route table', () => {
  it('grants each function exactly the actions its access names', () => {
    for (const route of allRoutes) {
      const granted = new Set(actionsOf(route).map((grant) => grant.action));
      const expected = new Set<string>(['logs:CreateLogStream', 'logs:PutLogEvents']);
      if (route.access.table) tableActions[route.access.table].forEach((action) => expected.add(action));
      if (route.access.files) {
        expected.add('s3:ListBucket');
        fileObjectActions[route.access.files].forEach((action) => expected.add(action));
      }
      if (route.access.signingKey) signingKeyActions.forEach((action) => expected.add(action));
      expect([...granted].sort(), `${route.method} ${route.path}`).toEqual([...expected].sort());
    }
  });

  it('never lets a public function write files', () => {
    const publicRoutes = allRoutes.filter((route) => route.auth === 'public');
    expect(publicRoutes.length).toBeGreaterThan(0);
    for (const route of publicRoutes) {
      const actions = actionsOf(route).map((grant) => grant.action);
      expect(actions).not.toContain('s3:PutObject');
      expect(actions).not.toContain('s3:DeleteObject');
    }
  });

  it('lets only the delete route delete files, and only upload routes write them', () => {
    for (const route of allRoutes) {
      const actions = actionsOf(route).map((grant) => grant.action);
      expect(actions.includes('s3:DeleteObject'), route.handler).toBe(route.handler === 'files-delete');
      expect(actions.includes('s3:PutObject'), route.handler).toBe(route.access.files === 'upload');
    }
    expect(allRoutes.filter((route) => route.access.files === 'upload').map((route) => route.handler)).toContain('uploads-complete');
  });

  it('gives read-only routes no DynamoDB write action', () => {
    const readOnly = allRoutes.filter((route) => route.access.table === 'read');
    expect(readOnly.map((route) => route.handler)).toContain('shares-list');
    for (const route of readOnly) {
      const actions = actionsOf(route).map((grant) => grant.action);
      for (const write of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']) {
        expect(actions).not.toContain(write);
      }
    }
  });

  it('scopes file object actions to users/* and table actions to the table and GSI1 only', () => {
    const table = logicalIdOf('AWS::DynamoDB::GlobalTable');
    for (const grant of allRoutes.flatMap(actionsOf)) {
      if (grant.action.startsWith('dynamodb:')) {
        expect(grant.resources.sort()).toEqual([`\${${table}.Arn}`, `\${${table}.Arn}/index/${tableSchema.ownerIndex.name}`].sort());
      }
      if (grant.action.startsWith('s3:') && grant.action !== 's3:ListBucket') {
        expect(grant.resources).toHaveLength(1);
        expect(grant.resources[0]).toMatch(/^\$\{FilesBucket\w+\.Arn\}\/users\/\*$/);
      }
      expect(grant.resources).not.toContain('*');
    }
  });

  it('lets only signing-key routes read the secret', () => {
    for (const route of allRoutes) {
      const readsSecret = actionsOf(route).some((grant) => grant.action === 'secretsmanager:GetSecretValue');
      expect(readsSecret, route.handler).toBe(Boolean(route.access.signingKey));
    }
    expect(actionsOf(byHandler('shares-list')).map((grant) => grant.action)).not.toContain('secretsmanager:GetSecretValue');
  });
});

describe('HTTP API', () => {
  it('has one route per route-table entry, with the table method and path', () => {
    const routeKeys = Object.values(resources(template, 'AWS::ApiGatewayV2::Route')).map((route) => route.Properties.RouteKey);
    expect(routeKeys.sort()).toEqual(allRoutes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('puts the Cognito JWT authorizer on every owner and admin route and on no public route', () => {
    const authorizer = logicalIdOf('AWS::ApiGatewayV2::Authorizer');
    const byKey = new Map(Object.values(resources(template, 'AWS::ApiGatewayV2::Route')).map((route) => [route.Properties.RouteKey, route.Properties]));
    for (const route of allRoutes) {
      const properties = byKey.get(`${route.method} ${route.path}`);
      if (route.auth === 'public') {
        expect(properties.AuthorizationType ?? 'NONE').toBe('NONE');
        expect(properties.AuthorizerId).toBeUndefined();
      } else {
        expect(properties.AuthorizationType).toBe('JWT');
        expect(properties.AuthorizerId).toEqual(ref(authorizer));
      }
    }
  });

  it('checks tokens issued by the tenant user pool for the web client', () => {
    const userPool = logicalIdOf('AWS::Cognito::UserPool');
    const client = logicalIdOf('AWS::Cognito::UserPoolClient');
    const [, authorizer] = onlyResource(template, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([ref(client)]);
    expect(render(authorizer.Properties.JwtConfiguration.Issuer)).toBe(`https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix}/\${${userPool}}`);
  });

  it('throttles the default stage and writes access logs to a retained log group', () => {
    const [, stage] = onlyResource(template, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: apiThrottle.rateLimit, ThrottlingBurstLimit: apiThrottle.burstLimit },
    });
    const logGroupId = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(resources(template)[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } });
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format.requestId).toBe('$context.requestId');
    expect(JSON.stringify(format)).not.toMatch(/header|body|authorization/i);
  });

  it('uses payload format 2.0 Lambda proxy integrations', () => {
    const integrations = Object.values(resources(template, 'AWS::ApiGatewayV2::Integration'));
    expect(integrations).toHaveLength(allRoutes.length);
    for (const integration of integrations) {
      expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    }
  });
});

describe('data', () => {
  it('keeps the single table on demand with the shared key schema, GSI1, TTL, PITR, stream and deletion protection', () => {
    const [, table] = onlyResource(template, 'AWS::DynamoDB::GlobalTable');
    expect(table.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: tableSchema.ownerIndex.name,
          KeySchema: [
            { AttributeName: tableSchema.ownerIndex.partitionKey, KeyType: 'HASH' },
            { AttributeName: tableSchema.ownerIndex.sortKey, KeyType: 'RANGE' },
          ],
        },
      ],
      TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
      Replicas: [{ DeletionProtectionEnabled: true, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }],
    });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('generates a 64-character signing key as a plain string secret', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, SecretStringTemplate: Match.absent() },
    });
  });
});

describe('sign-in', () => {
  it('lets only administrators create accounts, signs in with email and demands strong passwords', () => {
    const [, pool] = onlyResource(template, 'AWS::Cognito::UserPool');
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      DeletionProtection: 'ACTIVE',
      Policies: {
        PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true },
      },
    });
    expect(pool.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins' });
  });

  it('gives the web app a public client for USER_PASSWORD_AUTH and SRP with short-lived tokens', () => {
    const [, client] = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.ExplicitAuthFlows.sort()).toEqual(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']);
    expect(client.Properties).toMatchObject({
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      IdTokenValidity: 60,
      AccessTokenValidity: 60,
      TokenValidityUnits: { IdToken: 'minutes', AccessToken: 'minutes' },
    });
  });
});

describe('buckets', () => {
  const bucketPolicyOf = (bucketId: string) =>
    Object.values(resources(template, 'AWS::S3::BucketPolicy')).find((policy) => render(policy.Properties.Bucket) === `\${${bucketId}}`);

  it('blocks public access, encrypts, denies plain HTTP and retains every bucket', () => {
    const buckets = Object.entries(resources(template, 'AWS::S3::Bucket'));
    expect(buckets).toHaveLength(4);
    for (const [id, bucket] of buckets) {
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
      expect(bucket.DeletionPolicy).toBe('Retain');
      const statements = bucketPolicyOf(id)?.Properties.PolicyDocument.Statement ?? [];
      expect(statements, id).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
    }
  });

  it('configures the files bucket for browser uploads from the site origin, aborts stale multipart uploads and logs access', () => {
    const distribution = logicalIdOf('AWS::CloudFront::Distribution');
    const [, files] = Object.entries(resources(template, 'AWS::S3::Bucket')).find(([, bucket]) => bucket.Properties.BucketName)!;
    expect(render(files.Properties.BucketName)).toBe('sharelink-acme-${AWS::AccountId}-${AWS::Region}');
    const [rule] = files.Properties.CorsConfiguration.CorsRules;
    expect(rule.AllowedMethods.sort()).toEqual(['GET', 'HEAD', 'PUT']);
    expect(rule.ExposedHeaders).toEqual(['ETag']);
    expect(rule.AllowedOrigins.map(render)).toEqual([`https://\${${distribution}.DomainName}`]);
    expect(files.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
    );
    expect(files.Properties.VersioningConfiguration).toBeUndefined();
    expect(render(files.Properties.LoggingConfiguration.DestinationBucketName)).toMatch(/^\$\{AccessLogsBucket\w+\}$/);
  });

  it('lets only this distribution read the web bucket (origin access control)', () => {
    const distribution = logicalIdOf('AWS::CloudFront::Distribution');
    const [webBucket] = Object.entries(resources(template, 'AWS::S3::Bucket')).find(([id]) => id.startsWith('SiteWebBucket'))!;
    const statements = bucketPolicyOf(webBucket)!.Properties.PolicyDocument.Statement as any[];
    const allow = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allow).toHaveLength(1);
    expect(allow[0]).toMatchObject({ Action: 's3:GetObject', Principal: { Service: 'cloudfront.amazonaws.com' } });
    expect(render(allow[0].Condition.StringEquals['AWS:SourceArn'])).toContain(`\${${distribution}}`);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
  });
});

describe('CloudFront', () => {
  const config = () => onlyResource(template, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
  const behaviour = (pattern: string) => config().CacheBehaviors.find((b: any) => b.PathPattern === pattern);
  const originOf = (b: any) => config().Origins.find((o: any) => o.Id === b.TargetOriginId);

  it('serves the web bucket with index.html at the root, HTTPS only, and logs requests', () => {
    const webBucket = Object.keys(resources(template, 'AWS::S3::Bucket')).find((id) => id.startsWith('SiteWebBucket'))!;
    expect(config().DefaultRootObject).toBe('index.html');
    expect(config().DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config().DefaultCacheBehavior.CachePolicyId).toBe(CACHING_OPTIMIZED);
    const origin = originOf(config().DefaultCacheBehavior);
    expect(render(origin.DomainName)).toBe(`\${${webBucket}.RegionalDomainName}`);
    expect(origin.OriginAccessControlId).toBeDefined();
    expect(render(config().Logging.Bucket)).toMatch(/^\$\{CdnLogsBucket\w+\.RegionalDomainName\}$/);
  });

  it('forwards /api/* uncached to the HTTP API with every method and all viewer headers except Host', () => {
    const api = behaviour('/api/*');
    expect(api).toMatchObject({
      CachePolicyId: CACHING_DISABLED,
      OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
      ViewerProtocolPolicy: 'https-only',
    });
    expect(api.AllowedMethods.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    const origin = originOf(api);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    // The origin depends on the API resource only (not on routes): this keeps the graph acyclic.
    expect(render(origin.DomainName)).toBe(`\${${logicalIdOf('AWS::ApiGatewayV2::Api')}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`);
  });

  it('proves to the API that a request came through CloudFront, with the secret the functions check', () => {
    const origin = originOf(behaviour('/api/*'));
    const originVerify = secretId('SiteOriginVerify');
    expect(origin.OriginCustomHeaders.map((header: any) => [header.HeaderName, render(header.HeaderValue)])).toEqual([
      ['x-origin-verify', `{{resolve:secretsmanager:\${${originVerify}}:SecretString:::}}`],
    ]);
    expect(resources(template)[originVerify]!.Properties.GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
    // The web bucket origin gets no such header: S3 would not check it anyway.
    expect(originOf(config().DefaultCacheBehavior).OriginCustomHeaders).toBeUndefined();
  });

  it('rewrites /s/* to /share.html with a viewer-request CloudFront Function', () => {
    const [functionId, fn] = Object.entries(resources(template, 'AWS::CloudFront::Function')).find(
      ([, f]) => f.Properties.FunctionCode === shareRewriteFunctionCode,
    )!;
    const share = behaviour('/s/*');
    expect(share.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } }]);
    expect(originOf(share).Id).toBe(originOf(config().DefaultCacheBehavior).Id);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.Properties.FunctionCode).toBe(shareRewriteFunctionCode);
  });

  it("passes the viewer's IP to the API from a viewer-request function on /api/*", () => {
    const [functionId, fn] = Object.entries(resources(template, 'AWS::CloudFront::Function')).find(
      ([, f]) => f.Properties.FunctionCode === viewerAddressFunctionCode,
    )!;
    expect(behaviour('/api/*').FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } }]);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(behaviour('/api/*').OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
  });

  it('rewrites any share path to the recipient page when the function runs', () => {
    const context = vm.createContext({});
    vm.runInContext(shareRewriteFunctionCode, context);
    const handler = context.handler as (event: unknown) => { uri: string; querystring: unknown };
    const request = handler({ request: { uri: '/s/AbCdEfGhIjKlMnOpQrStUv', method: 'GET', querystring: { a: { value: '1' } } } });
    expect(request.uri).toBe('/share.html');
    expect(request.querystring).toEqual({ a: { value: '1' } });
  });

  it('adds the security headers to every behaviour', () => {
    const policy = logicalIdOf('AWS::CloudFront::ResponseHeadersPolicy');
    for (const b of [config().DefaultCacheBehavior, ...config().CacheBehaviors]) {
      expect(b.ResponseHeadersPolicyId).toEqual(ref(policy));
    }
    const headers = onlyResource(template, 'AWS::CloudFront::ResponseHeadersPolicy')[1].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true });
    expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
  });

  it('sends a CSP without inline scripts that allows sign-in and the files bucket', () => {
    const headers = onlyResource(template, 'AWS::CloudFront::ResponseHeadersPolicy')[1].Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = render(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    const directives = new Map(csp.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }));
    const filesOrigin = 'https://sharelink-acme-${AWS::AccountId}-${AWS::Region}.s3.${AWS::Region}.${AWS::URLSuffix}';
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(directives.get('connect-src')).toEqual(["'self'", 'https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}', filesOrigin]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    // Previews: inline images, media and frames from presigned URLs of this tenant's bucket only.
    for (const directive of ['img-src', 'media-src', 'frame-src']) expect(directives.get(directive)).toContain(filesOrigin);
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });
});

describe('web deployment', () => {
  it('uploads the web build plus config.json into the web bucket and invalidates the distribution', () => {
    const [, deployment] = onlyResource(template, 'Custom::CDKBucketDeployment');
    const webBucket = Object.keys(resources(template, 'AWS::S3::Bucket')).find((id) => id.startsWith('SiteWebBucket'))!;
    expect(deployment.Properties).toMatchObject({
      DestinationBucketName: ref(webBucket),
      DistributionId: ref(logicalIdOf('AWS::CloudFront::Distribution')),
      DistributionPaths: ['/*'],
      Prune: true,
    });
    expect(deployment.Properties.SourceObjectKeys).toHaveLength(2);
    const [buildKey] = deployment.Properties.SourceObjectKeys;
    const buildDir = path.join(synth.assembly.directory, `asset.${buildKey.replace(/\.zip$/, '')}`);
    expect(existsSync(path.join(buildDir, 'index.html'))).toBe(true);
    expect(existsSync(path.join(buildDir, 'share.html'))).toBe(true);
  });

  it('writes config.json with the region, user pool, client and Cognito endpoint of this stack', () => {
    const [, deployment] = onlyResource(template, 'Custom::CDKBucketDeployment');
    const configKey = deployment.Properties.SourceObjectKeys[1].replace(/\.zip$/, '');
    const markers = deployment.Properties.SourceMarkers[1] as Record<string, unknown>;
    let text = readFileSync(path.join(synth.assembly.directory, `asset.${configKey}`, 'config.json'), 'utf8');
    for (const [marker, value] of Object.entries(markers)) text = text.split(marker).join(render(value));
    expect(JSON.parse(text)).toEqual({
      region: '${AWS::Region}',
      userPoolId: `\${${logicalIdOf('AWS::Cognito::UserPool')}}`,
      userPoolClientId: `\${${logicalIdOf('AWS::Cognito::UserPoolClient')}}`,
      cognitoEndpoint: 'https://cognito-idp.${AWS::Region}.${AWS::URLSuffix}/',
    });
  });
});

describe('stack', () => {
  it('outputs what an operator needs after deploy', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['SiteUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'FilesBucketName']));
    expect(render(outputs.SiteUrl!.Value)).toBe(`https://\${${logicalIdOf('AWS::CloudFront::Distribution')}.DomainName}`);
    expect(outputs.TableName!.Value).toEqual(ref(logicalIdOf('AWS::DynamoDB::GlobalTable')));
  });

  it('has no dependency cycle between resources (CloudFormation would refuse it at deploy time)', () => {
    expect(findCycle(template)).toBeUndefined();
  });

  it('is environment agnostic: no account or region is baked into the template', () => {
    const stack = synth.stacks[0]!;
    expect(stack.stackName).toBe('ShareLink-acme');
    expect(Token.isUnresolved(stack.account)).toBe(true);
    expect(Token.isUnresolved(stack.region)).toBe(true);
    expect(JSON.stringify(template.toJSON())).not.toMatch(/\b\d{12}\b/);
  });
});
