import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Aws, CfnOutput, Duration, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { SERVICE_NAME } from '../functions/lib/contract/environment.js';
import { formatSenderIdentity, type SenderIdentity } from '../functions/lib/domain/senders.js';
import { FILES_PREFIX, INCOMPLETE_UPLOAD_DAYS, PREVIEW_CACHE_DAYS, PREVIEWS_PREFIX } from '../functions/lib/contract/storage.js';
import { environmentNeedsOf, groupAccess, groups, routesOf } from '../functions/routes.js';
import { grantFunctionAccess } from './access.js';
import { Alarms } from './alarms.js';
import { Api } from './api.js';
import { createLogBuckets, secureBucket } from './buckets.js';
import { DEFAULT_MAX_UPLOAD_BYTES, type TenantConfig } from './config.js';
import { Data } from './data.js';
import { environmentFor } from './environment.js';
import { Identity } from './identity.js';
import { Notifications } from './notifications.js';
import { Renderer } from './renderer.js';
import { ShareLinkFunction } from './sharelink-function.js';
import { Site } from './site.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ShareLinkStackProps extends StackProps {
  config: TenantConfig;
  /** The built web app (index.html, share.html, assets/), e.g. from web/build.ts. */
  webAssetDir: string;
  /** Where the functions live (`<dir>/<group>/lambda.ts`); the repo's functions/ by default. */
  functionsDir?: string;
}

/**
 * The files bucket is the one resource with a fixed name. CloudFront's CSP must name the
 * bucket's origin while the bucket's CORS names CloudFront's domain; a name derived from
 * tenant, account and region (no resource reference) keeps that graph acyclic. At most
 * 10 + 20 + 1 + 12 + 1 + 14 = 58 characters, within S3's 63.
 */
export function filesBucketName(tenant: string): string {
  return `sharelink-${tenant}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

/** PascalCase construct id for a name: `recipient` -> `Recipient`. */
function constructIdFor(name: string): string {
  return name.replace(/(^|-)([a-z0-9])/g, (_, __, letter: string) => letter.toUpperCase());
}

/**
 * One tenant's ShareLink: sign-in (Cognito), data (DynamoDB + signing key), files (S3),
 * one Lambda per route group behind an HTTP API, and the web app on CloudFront. Environment
 * agnostic: it synthesizes offline, and the account and region come from the deploy.
 */
export class ShareLinkStack extends Stack {
  readonly identity: Identity;
  readonly data: Data;
  readonly filesBucket: s3.Bucket;
  readonly api: Api;
  readonly site: Site;
  /** The route groups' functions, by group (functions/routes.ts). */
  readonly handlers: ReadonlyMap<string, ShareLinkFunction>;
  readonly alarms: Alarms;
  /** SES identity for notification email, when -c senderAddress / senderDomain was given. */
  readonly senderIdentity?: ses.EmailIdentity;
  /** The notify function on the table stream, its dead-letter queue, alarms and SES configuration set. */
  readonly notifications: Notifications;
  /** The preview renderer (secure view), invoked by the recipient function. */
  readonly renderer: Renderer;

  constructor(scope: Construct, id: string, props: ShareLinkStackProps) {
    super(scope, id, {
      description: `ShareLink file sharing for tenant ${props.config.tenant}`,
      ...props,
    });
    const { config } = props;
    Tags.of(this).add('sharelink:tenant', config.tenant);

    const logs = createLogBuckets(this);
    this.data = new Data(this, 'Data');
    this.identity = new Identity(this, 'Identity', { tenant: config.tenant });
    this.api = new Api(this, 'Api', { issuerUrl: this.identity.issuerUrl, audience: this.identity.client.userPoolClientId });

    const filesBucketDomain = `${filesBucketName(config.tenant)}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    this.site = new Site(this, 'Site', {
      logs,
      api: this.api.httpApi,
      customDomain: config.customDomain,
      csp: { cognito: `https://cognito-idp.${Aws.REGION}.${Aws.URL_SUFFIX}`, files: `https://${filesBucketDomain}` },
    });

    // Versioning stays off: deleting a file is the owner's explicit, final choice, and
    // old versions would keep files (and their cost) around after an owner deleted them.
    this.filesBucket = secureBucket(this, 'FilesBucket', logs.serverAccess, {
      bucketName: filesBucketName(config.tenant),
      cors: [
        {
          // Browsers upload and download with presigned URLs, cross-origin from the site.
          allowedOrigins: [this.site.url],
          allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(INCOMPLETE_UPLOAD_DAYS) },
        // Renders are a cache (re-made on demand): they go after a week.
        { id: 'expire-preview-renders', prefix: PREVIEWS_PREFIX, expiration: Duration.days(PREVIEW_CACHE_DAYS) },
      ],
    });

    // Which addresses email may come from; without an SES identity the stack sends no email at all.
    const senderIdentity: SenderIdentity = config.senderDomain
      ? { mode: 'domain', domain: config.senderDomain }
      : config.senderAddress
        ? { mode: 'address', address: config.senderAddress }
        : { mode: 'off' };
    // Each function gets only the variables its routes read (functions/lib/contract/environment.ts).
    const environmentValues = {
      senderIdentity: formatSenderIdentity(senderIdentity),
      serviceName: SERVICE_NAME,
      tableName: this.data.table.tableName,
      filesBucket: this.filesBucket.bucketName,
      signingKeySecretId: this.data.signingKey.secretArn,
      originVerifySecretId: this.site.originVerify.secretArn,
      publicBaseUrl: this.site.url,
      maxUploadBytes: String(config.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES),
    };
    const resources = {
      table: this.data.table,
      filesBucket: this.filesBucket,
      signingKey: this.data.signingKey,
      originVerify: this.site.originVerify,
    };
    const functionsDir = props.functionsDir ?? path.join(repoRoot, 'functions');
    this.renderer = new Renderer(this, 'Renderer', {
      entry: path.join(functionsDir, 'renderer', 'lambda.ts'),
      resources,
      environmentValues,
    });
    const groupResources = { ...resources, renderer: this.renderer.function };
    const handlersScope = new Construct(this, 'Handlers');
    const handlers = new Map<string, ShareLinkFunction>();
    for (const group of groups) {
      const access = groupAccess(group);
      const fn = new ShareLinkFunction(handlersScope, constructIdFor(group), {
        entry: path.join(functionsDir, group, 'lambda.ts'),
        description: `ShareLink ${group} routes`,
        environment: environmentFor(environmentNeedsOf(access), {
          ...environmentValues,
          rendererFunctionName: this.renderer.function.functionName,
        }),
        // A preview may wait for the renderer (its own deadline 8 s, its function 20 s): within API Gateway's 30 s.
        ...(access.renderer ? { timeout: Duration.seconds(25) } : {}),
      });
      grantFunctionAccess(fn.role, access, groupResources);
      this.api.addRoutes(routesOf(group), fn.function);
      handlers.set(group, fn);
    }
    this.handlers = handlers;

    if (config.senderDomain || config.senderAddress) {
      this.senderIdentity = new ses.EmailIdentity(this, 'SenderIdentity', {
        identity: config.senderDomain ? ses.Identity.domain(config.senderDomain) : ses.Identity.email(config.senderAddress!),
      });
    }
    this.notifications = new Notifications(this, 'Notifications', {
      entry: path.join(functionsDir, 'notify', 'lambda.ts'),
      resources,
      publicBaseUrl: this.site.url,
      senderIdentity: this.senderIdentity,
      sender: { domain: config.senderDomain, address: config.senderAddress },
      senderIdentityValue: environmentValues.senderIdentity,
      alarmTopicArn: config.alarmTopicArn,
    });
    this.alarms = new Alarms(this, 'Alarms', {
      api: this.api.httpApi,
      // The route groups' functions answer through the API, whose 5xx alarm covers them (docs/cost.md); the
      // notify function and the renderer (invoked by the recipient function) are watched on their own.
      backgroundFunctions: [this.notifications.handler.function, this.renderer.function],
      alarmTopicArn: config.alarmTopicArn,
    });

    this.site.deployWebApp(props.webAssetDir, {
      region: this.region,
      userPoolId: this.identity.userPool.userPoolId,
      userPoolClientId: this.identity.client.userPoolClientId,
      cognitoEndpoint: this.identity.cognitoEndpoint,
    });

    new CfnOutput(this, 'SiteUrl', { value: this.site.url, description: 'Open this in a browser; share links are <SiteUrl>/s/<id>.' });
    new CfnOutput(this, 'ApiUrl', { value: `${this.site.url}/api`, description: 'The API as clients call it (through CloudFront).' });
    new CfnOutput(this, 'HttpApiEndpoint', {
      value: this.api.httpApi.apiEndpoint,
      description: 'The API Gateway endpoint behind CloudFront (for diagnostics).',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'FilesBucketName', {
      value: this.filesBucket.bucketName,
      description: `Users' files live under ${FILES_PREFIX}<sub>/.`,
    });
    if (config.customDomain) {
      new CfnOutput(this, 'CustomDomainTarget', {
        value: this.site.distribution.distributionDomainName,
        description: `Point ${config.customDomain.domainName} (CNAME or alias) at this CloudFront domain.`,
      });
    }
  }
}
