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
import { ENV, environmentKeysFor } from '../../functions/lib/contract/environment.js';
import { environmentNeedsOf, groupAccess, groups, routes, routesOf, type Group, type Route } from '../../functions/routes.js';
import { tableSchema } from '../../functions/lib/contract/table.js';
import { OPENAPI_DOCUMENT_PATH } from '../../functions/lib/contract/api/location.js';
import { fileObjectActions, previewObjectActions } from '../../infra/access.js';
import { rendererFunction } from '../../functions/lib/contract/renderer.js';
import { PREVIEW_CACHE_DAYS } from '../../functions/lib/contract/storage.js';
import { apiThrottle } from '../../infra/api.js';
import { requestRewriteFunctionCode, shareRewriteFunctionCode, viewerAddressFunctionCode } from '../../infra/edge.js';
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

/** A group's Lambda function, found by the description the stack gives it. */
function functionOf(group: Group): [string, Resource] {
  const matches = Object.entries(resources(template, 'AWS::Lambda::Function')).filter(
    ([, fn]) => fn.Properties.Description === `ShareLink ${group} routes`,
  );
  expect(matches, group).toHaveLength(1);
  return matches[0]!;
}

interface Grant {
  actions: string[];
  resources: string[];
  conditions?: unknown;
}

/** Every statement of the policies attached to a function's role, actions sorted. */
function statementsOf(fn: Resource): Grant[] {
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  const role = resources(template)[roleId]!;
  expect(role.Properties.ManagedPolicyArns ?? []).toEqual([]);
  return Object.values(resources(template, 'AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((r: unknown) => render(r) === `\${${roleId}}`))
    .flatMap(
      (policy) =>
        policy.Properties.PolicyDocument.Statement as {
          Effect: string;
          Action: string | string[];
          Resource: unknown;
          Condition?: unknown;
        }[],
    )
    .map((statement) => {
      expect(statement.Effect).toBe('Allow');
      return {
        actions: [statement.Action].flat().sort(),
        resources: [statement.Resource].flat().map(render).sort(),
        ...(statement.Condition ? { conditions: statement.Condition } : {}),
      };
    });
}

/** The preview renderer function. */
function rendererOf(): [string, Resource] {
  const matches = Object.entries(resources(template, 'AWS::Lambda::Function')).filter(
    ([, fn]) => fn.Properties.Description === 'ShareLink preview renderer (secure view)',
  );
  expect(matches).toHaveLength(1);
  return matches[0]!;
}

const actionsOf = (group: Group) => statementsOf(functionOf(group)[1]).flatMap((grant) => grant.actions);
const routeFunctions = () =>
  Object.values(resources(template, 'AWS::Lambda::Function')).filter((fn) => / routes$/.test(String(fn.Properties.Description)));
/** Every ShareLink function (route groups and the notify function), not CDK's own helpers. */
const ourFunctions = () =>
  Object.values(resources(template, 'AWS::Lambda::Function')).filter((fn) =>
    String(fn.Properties.Description).match(/^ShareLink |table stream/),
  );

describe('route functions', () => {
  it('pins nodejs24.x itself, not NODEJS_LATEST, and synthesizes without warnings', () => {
    expect(runtime.isVariable).toBe(false);
    const warnings = Annotations.fromStack(synth.stacks[0]!).findWarning('*', Match.anyValue());
    expect(warnings.map((w) => `${w.id}: ${JSON.stringify(w.entry.data)}`)).toEqual([]);
  });

  it('creates one function per route group, on nodejs24.x arm64 with the shared defaults', () => {
    expect(routeFunctions()).toHaveLength(groups.length);
    for (const group of groups) {
      const [, fn] = functionOf(group);
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        Environment: { Variables: { POWERTOOLS_SERVICE_NAME: 'sharelink' } },
      });
      expect(fn.Properties.MemorySize).toBeGreaterThanOrEqual(256);
      expect(fn.Properties.MemorySize).toBeLessThanOrEqual(512);
      expect(fn.Properties.Timeout).toBeLessThanOrEqual(29);
    }
  });

  it("serves every recipient route from one function, and each route from its group's function", () => {
    const integrations = resources(template, 'AWS::ApiGatewayV2::Integration');
    const functionOfRoute = new Map(
      Object.values(resources(template, 'AWS::ApiGatewayV2::Route')).map((route) => {
        const integrationId = render(route.Properties.Target).replace(/^integrations\/\$\{(\w+)\}$/, '$1');
        return [route.Properties.RouteKey as string, render(integrations[integrationId]!.Properties.IntegrationUri)];
      }),
    );
    for (const group of groups) {
      const [logicalId] = functionOf(group);
      for (const route of routesOf(group))
        expect(functionOfRoute.get(`${route.method} ${route.path}`), route.handler).toBe(`\${${logicalId}.Arn}`);
    }
    const recipientTargets = new Set(
      allRoutes.filter((route) => route.auth === 'public').map((route) => functionOfRoute.get(`${route.method} ${route.path}`)),
    );
    expect(recipientTargets.size).toBe(1);
  });

  it('gives each function its own log group with a retention period', () => {
    for (const group of groups) {
      const [, fn] = functionOf(group);
      const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      expect(resources(template)[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    }
  });

  it('passes each function only the variables its routes read, and no secret value', () => {
    const table = logicalIdOf('AWS::DynamoDB::GlobalTable');
    const secret = secretId('DataSigningKey');
    const originVerify = secretId('SiteOriginVerify');
    const distribution = logicalIdOf('AWS::CloudFront::Distribution');
    const [filesBucket] = Object.entries(resources(template, 'AWS::S3::Bucket')).find(([, bucket]) => bucket.Properties.BucketName)!;
    const expected: Record<string, unknown> = {
      TABLE_NAME: ref(table),
      FILES_BUCKET: ref(filesBucket),
      SIGNING_KEY_SECRET_ID: ref(secret),
      ORIGIN_VERIFY_SECRET_ID: ref(originVerify),
      MAX_UPLOAD_BYTES: String(5 * 1024 ** 3),
      POWERTOOLS_SERVICE_NAME: 'sharelink',
      // Deployed without -c senderAddress / -c senderDomain: the functions know no email may be sent.
      SENDER_IDENTITY: 'off',
    };
    for (const group of groups) {
      const variables = functionOf(group)[1].Properties.Environment.Variables as Record<string, unknown>;
      const names = environmentKeysFor(environmentNeedsOf(groupAccess(group))).map((key) => ENV[key]);
      expect(Object.keys(variables).sort(), group).toEqual([...names].sort());
      for (const name of names) if (name in expected) expect(variables[name], `${group} ${name}`).toEqual(expected[name]);
      expect(render(variables.PUBLIC_BASE_URL)).toBe(`https://\${${distribution}.DomainName}`);
      expect(JSON.stringify(variables)).not.toContain('resolve:secretsmanager');
    }
    expect(Object.keys(functionOf('recipient')[1].Properties.Environment.Variables)).toContain('ORIGIN_VERIFY_SECRET_ID');
    expect(Object.keys(functionOf('settings')[1].Properties.Environment.Variables)).not.toContain('FILES_BUCKET');
  });
});

describe('least-privilege grants from the route table', () => {
  it("grants each group's role exactly the union of its routes' access, statement by statement", () => {
    const table = logicalIdOf('AWS::DynamoDB::GlobalTable');
    const [filesBucket] = Object.entries(resources(template, 'AWS::S3::Bucket')).find(([, bucket]) => bucket.Properties.BucketName)!;
    for (const group of groups) {
      const [logicalId, fn] = functionOf(group);
      const access = groupAccess(group);
      const logGroup = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      const expected: Grant[] = [{ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [`\${${logGroup}.Arn}`] }];
      if (access.table.length) {
        const declared = new Set(routesOf(group).flatMap((route) => route.access.table ?? []));
        expected.push({
          actions: [...declared].map((action) => `dynamodb:${action}`).sort(),
          resources: [`\${${table}.Arn}`, `\${${table}.Arn}/index/${tableSchema.ownerIndex.name}`].sort(),
        });
      }
      if (access.files.length) {
        expected.push({
          actions: ['s3:ListBucket'],
          resources: [`\${${filesBucket}.Arn}`],
          conditions: { StringLike: { 's3:prefix': ['users/*'] } },
        });
        expected.push({
          actions: [...new Set(access.files.flatMap((level) => fileObjectActions[level]))].sort(),
          resources: [`\${${filesBucket}.Arn}/users/*`],
        });
      }
      if (access.previews?.length)
        expected.push({
          actions: [...new Set(access.previews.flatMap((level) => previewObjectActions[level]))].sort(),
          resources: [`\${${filesBucket}.Arn}/previews/*`],
        });
      if (access.renderer) expected.push({ actions: ['lambda:InvokeFunction'], resources: [`\${${rendererOf()[0]}.Arn}`] });
      if (access.signingKey)
        expected.push({ actions: ['secretsmanager:GetSecretValue'], resources: [`\${${secretId('DataSigningKey')}}`] });
      if (access.originSecret)
        expected.push({ actions: ['secretsmanager:GetSecretValue'], resources: [`\${${secretId('SiteOriginVerify')}}`] });
      // CDK merges statements that share actions; compare what each allows, action by resource.
      const permissions = (grants: Grant[]) =>
        [
          ...new Set(
            grants.flatMap((grant) =>
              grant.actions.flatMap((action) =>
                grant.resources.map((resource) => JSON.stringify([action, resource, grant.conditions ?? null])),
              ),
            ),
          ),
        ].sort();
      expect(permissions(statementsOf(fn)), `${group} (${logicalId})`).toEqual(permissions(expected));
    }
  });

  it('conditions every ListBucket grant on the users/ prefix', () => {
    const listGrants = ourFunctions()
      .flatMap(statementsOf)
      .filter((grant) => grant.actions.includes('s3:ListBucket'));
    expect(listGrants.length).toBeGreaterThan(0);
    for (const grant of listGrants) expect(grant.conditions).toEqual({ StringLike: { 's3:prefix': ['users/*'] } });
  });

  it('lets only functions that delete items DeleteItem, and read-only groups write nothing', () => {
    for (const group of groups) {
      const deletes = routesOf(group).some((route) => route.access.table?.includes('DeleteItem'));
      expect(actionsOf(group).includes('dynamodb:DeleteItem'), group).toBe(deletes);
      expect(actionsOf(group)).not.toContain('dynamodb:BatchWriteItem');
    }
  });

  it('lets the recipient function upload files (file requests) but never delete one', () => {
    const actions = actionsOf('recipient');
    // Uploaders send files through presigned PUTs and multipart uploads below a request's folder, and abort their own.
    expect(actions).toEqual(expect.arrayContaining(['s3:PutObject', 's3:AbortMultipartUpload']));
    expect(actions).not.toContain('s3:DeleteObject');
    expect(actions).not.toContain('dynamodb:DeleteItem');
    // Only the file-request upload routes write files; every share route still only reads them.
    for (const route of routesOf('recipient')) {
      expect(route.access.files === 'upload', route.handler).toBe(route.path.startsWith('/api/public/requests/{id}/uploads'));
    }
  });

  it('lets only the files function delete files', () => {
    for (const group of groups) expect(actionsOf(group).includes('s3:DeleteObject'), group).toBe(group === 'files');
  });

  it('scopes file object actions to users/*, preview actions to previews/*, and table actions to the table and GSI1 only', () => {
    for (const grant of ourFunctions().flatMap(statementsOf)) {
      expect(grant.resources).not.toContain('*');
      if (grant.actions.some((action) => action.startsWith('s3:') && action !== 's3:ListBucket')) {
        for (const resource of grant.resources) expect(resource).toMatch(/^\$\{FilesBucket\w+\.Arn\}\/(users|previews)\/\*$/);
      }
      // Only reading renders and (the renderer) writing them: nothing lists, deletes or writes originals there.
      if (grant.resources.some((resource) => resource.endsWith('/previews/*'))) {
        expect(grant.actions.every((action) => action === 's3:GetObject' || action === 's3:PutObject')).toBe(true);
      }
    }
  });

  it("gives the renderer exactly its contract's access: read originals under users/*, write renders under previews/*, nothing else", () => {
    const [logicalId, fn] = rendererOf();
    const [filesBucket] = Object.entries(resources(template, 'AWS::S3::Bucket')).find(([, bucket]) => bucket.Properties.BucketName)!;
    const logGroup = fn.Properties.LoggingConfig.LogGroup.Ref as string;
    const permissions = statementsOf(fn).flatMap((grant) =>
      grant.actions.flatMap((action) => grant.resources.map((r) => `${action} ${r}`)),
    );
    expect(permissions.filter((p) => !p.startsWith('logs:')).sort(), logicalId).toEqual(
      [
        // Listing (conditioned on users/, as for every function) lets a missing original answer 404 rather than 403.
        `s3:ListBucket \${${filesBucket}.Arn}`,
        ...fileObjectActions[rendererFunction.access.files].map((action) => `${action} \${${filesBucket}.Arn}/users/*`),
        ...previewObjectActions[rendererFunction.access.previews].map((action) => `${action} \${${filesBucket}.Arn}/previews/*`),
      ].sort(),
    );
    expect(permissions.filter((p) => p.startsWith('logs:')).every((p) => p.endsWith(`\${${logGroup}.Arn}`))).toBe(true);
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler', MemorySize: 2048 });
    // No NODE_OPTIONS=--enable-source-maps here: see infra/renderer.ts.
    expect(Object.keys(fn.Properties.Environment.Variables).sort()).toEqual(['FILES_BUCKET', 'POWERTOOLS_SERVICE_NAME', 'PUBLIC_BASE_URL']);
  });

  it('lets only the recipient function invoke the renderer, and names it in that function alone, with time to wait for it', () => {
    const [rendererId] = rendererOf();
    for (const group of groups) {
      const invokes = statementsOf(functionOf(group)[1]).filter((grant) => grant.actions.some((action) => action.startsWith('lambda:')));
      expect(invokes.length > 0, group).toBe(group === 'recipient');
      const variables = functionOf(group)[1].Properties.Environment.Variables as Record<string, unknown>;
      expect('RENDERER_FUNCTION_NAME' in variables, group).toBe(group === 'recipient');
    }
    const recipient = functionOf('recipient')[1].Properties;
    expect(recipient.Environment.Variables.RENDERER_FUNCTION_NAME).toEqual(ref(rendererId));
    expect(recipient.Timeout).toBeGreaterThan(20);
    expect(recipient.Timeout).toBeLessThan(30);
  });

  it('lets only groups with signing-key routes read the signing key, and only public ones the origin secret', () => {
    const signingKey = `\${${secretId('DataSigningKey')}}`;
    const originVerify = `\${${secretId('SiteOriginVerify')}}`;
    for (const group of groups) {
      const grants = statementsOf(functionOf(group)[1]);
      expect(
        grants.some((grant) => grant.resources.includes(signingKey)),
        group,
      ).toBe(groupAccess(group).signingKey);
      expect(
        grants.some((grant) => grant.resources.includes(originVerify)),
        group,
      ).toBe(routesOf(group).some((route) => route.auth === 'public'));
    }
  });
});

describe('HTTP API', () => {
  it('has one route per route-table entry, with the table method and path', () => {
    const routeKeys = Object.values(resources(template, 'AWS::ApiGatewayV2::Route')).map((route) => route.Properties.RouteKey);
    expect(routeKeys.sort()).toEqual(allRoutes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('puts the Cognito JWT authorizer on every owner and admin route and on no public route', () => {
    const authorizer = logicalIdOf('AWS::ApiGatewayV2::Authorizer');
    const byKey = new Map(
      Object.values(resources(template, 'AWS::ApiGatewayV2::Route')).map((route) => [route.Properties.RouteKey, route.Properties]),
    );
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
    expect(render(authorizer.Properties.JwtConfiguration.Issuer)).toBe(
      `https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix}/\${${userPool}}`,
    );
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

  it('uses payload format 2.0 Lambda proxy integrations, one per function group', () => {
    const integrations = Object.values(resources(template, 'AWS::ApiGatewayV2::Integration'));
    expect(integrations).toHaveLength(groups.length);
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

  it('keeps the verified address until a new one is verified, and has a name attribute for display names', () => {
    const [, pool] = onlyResource(template, 'AWS::Cognito::UserPool');
    expect(pool.Properties.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: ['email'] });
    expect(pool.Properties.AutoVerifiedAttributes).toEqual(['email']);
    expect(pool.Properties.Schema).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Name: 'email', Mutable: true, Required: true }),
        expect.objectContaining({ Name: 'name', Mutable: true, Required: false }),
      ]),
    );
  });

  it('lets users write their address (verified before use) but not their name, which only administrators set', () => {
    const [, client] = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.WriteAttributes).toEqual(['email']);
    expect(client.Properties.ReadAttributes.sort()).toEqual(['email', 'email_verified', 'name']);
  });

  it('gives the web app a public client for USER_PASSWORD_AUTH and SRP with short-lived tokens', () => {
    const [, client] = onlyResource(template, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.ExplicitAuthFlows.sort()).toEqual([
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
    ]);
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
      expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe(
        'AES256',
      );
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
    expect(files.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Prefix: 'previews/', ExpirationInDays: PREVIEW_CACHE_DAYS, Status: 'Enabled' }),
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

  it('serves the OpenAPI document from the web bucket, ahead of the /api/* behaviour', () => {
    const patterns = config().CacheBehaviors.map((b: any) => b.PathPattern as string);
    expect(patterns.indexOf(OPENAPI_DOCUMENT_PATH)).toBeGreaterThanOrEqual(0);
    expect(patterns.indexOf(OPENAPI_DOCUMENT_PATH)).toBeLessThan(patterns.indexOf('/api/*'));
    const document = behaviour(OPENAPI_DOCUMENT_PATH);
    expect(originOf(document).Id).toBe(originOf(config().DefaultCacheBehavior).Id);
    expect(document.AllowedMethods ?? ['GET', 'HEAD']).toEqual(['GET', 'HEAD']);
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
    expect(share.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
    ]);
    expect(originOf(share).Id).toBe(originOf(config().DefaultCacheBehavior).Id);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(fn.Properties.FunctionCode).toBe(shareRewriteFunctionCode);
  });

  it("passes the viewer's IP to the API from a viewer-request function on /api/*", () => {
    const [functionId, fn] = Object.entries(resources(template, 'AWS::CloudFront::Function')).find(
      ([, f]) => f.Properties.FunctionCode === viewerAddressFunctionCode,
    )!;
    expect(behaviour('/api/*').FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
    ]);
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(behaviour('/api/*').OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
  });

  it('rewrites /r/* to /request.html with a viewer-request CloudFront Function, for any request path', () => {
    const [functionId] = Object.entries(resources(template, 'AWS::CloudFront::Function')).find(
      ([, f]) => f.Properties.FunctionCode === requestRewriteFunctionCode,
    )!;
    const uploads = behaviour('/r/*');
    expect(uploads.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } },
    ]);
    expect(originOf(uploads).Id).toBe(originOf(config().DefaultCacheBehavior).Id);
    const context = vm.createContext({});
    vm.runInContext(requestRewriteFunctionCode, context);
    const handler = context.handler as (event: unknown) => { uri: string };
    expect(handler({ request: { uri: '/r/AbCdEfGhIjKlMnOpQrStUv', method: 'GET', querystring: {} } }).uri).toBe('/request.html');
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
    const headers = onlyResource(template, 'AWS::CloudFront::ResponseHeadersPolicy')[1].Properties.ResponseHeadersPolicyConfig
      .SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true });
    expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
  });

  it('sends a CSP without inline scripts that allows sign-in and the files bucket', () => {
    const headers = onlyResource(template, 'AWS::CloudFront::ResponseHeadersPolicy')[1].Properties.ResponseHeadersPolicyConfig
      .SecurityHeadersConfig;
    const csp = render(headers.ContentSecurityPolicy.ContentSecurityPolicy);
    const directives = new Map(
      csp.split(';').map((part) => {
        const [name, ...sources] = part.trim().split(/\s+/);
        return [name!, sources];
      }),
    );
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
    expect(existsSync(path.join(buildDir, 'request.html'))).toBe(true);
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
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(['SiteUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'FilesBucketName']),
    );
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
