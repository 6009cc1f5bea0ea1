import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { secureBucket, type LogBuckets } from './buckets.js';
import type { TenantConfig } from './config.js';
import {
  contentSecurityPolicy,
  requestRewriteFunctionCode,
  shareRewriteFunctionCode,
  viewerAddressFunctionCode,
  type CspOrigins,
} from './edge.js';
import { OPENAPI_DOCUMENT_PATH } from '../functions/lib/contract/api/location.js';
import { ORIGIN_VERIFY_HEADER } from '../functions/lib/contract/headers.js';
import { acknowledge, acknowledgeWildcardResource, flattenForNag } from './nag.js';

/** Header CloudFront adds to every API request (functions/lib/http/client-address.ts checks it). */

export interface SiteProps {
  logs: LogBuckets;
  /** The HTTP API behind /api/*. Only the API resource is referenced, never its routes. */
  api: IHttpApi;
  customDomain?: TenantConfig['customDomain'];
  csp: CspOrigins;
}

/** What the browser reads from `GET /config.json` to sign in. */
export interface WebConfig {
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  cognitoEndpoint: string;
}

/**
 * The tenant's one public origin: CloudFront serves the web app from a private bucket
 * (origin access control), rewrites /s/<id> to the recipient page and /r/<id> to the uploader page, and forwards /api/*
 * uncached to the HTTP API, adding security headers (CSP, HSTS, ...) to every response.
 */
export class Site extends Construct {
  readonly webBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<host>` without a trailing slash: share links, CORS and PUBLIC_BASE_URL use it. */
  readonly url: string;
  /**
   * The secret CloudFront sends to the API in the origin-verify header (resolved into the
   * origin's configuration at deploy time). Recipient functions read it from Secrets Manager
   * once per cold start and believe the viewer-address header (set by the viewer-address
   * function) only when it matches, so password attempts are counted per viewer, not per
   * CloudFront edge.
   */
  readonly originVerify: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: SiteProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Holds only the build output; a fresh deploy writes it again, so no versioning.
    this.webBucket = secureBucket(this, 'WebBucket', props.logs.serverAccess);
    const webOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.webBucket);

    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `ShareLink security headers (${stack.stackName})`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: contentSecurityPolicy(props.csp), override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });

    // Named here: CDK's generated name (region token + path, cut to 64) could lose the tenant when token numbers grow.
    const functionNamePrefix = `${Stack.of(this).stackName}-${Aws.REGION}`;
    const shareRewrite = new cloudfront.Function(this, 'ShareRewrite', {
      functionName: `${functionNamePrefix}-share-rewrite`,
      comment: 'Serves /share.html for /s/<shareId>',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(shareRewriteFunctionCode),
    });

    const requestRewrite = new cloudfront.Function(this, 'RequestRewrite', {
      // Named, because the generated name (region + path, cut to 64 characters) would lose the tenant; at most 59 characters.
      functionName: `${stack.region}${stack.stackName}-RequestRewrite`,
      comment: 'Serves /request.html for /r/<requestId>',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(requestRewriteFunctionCode),
    });

    const viewerAddress = new cloudfront.Function(this, 'ViewerAddress', {
      functionName: `${functionNamePrefix}-viewer-address`,
      comment: 'Passes the viewer IP to the API (password attempts are counted per viewer)',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(viewerAddressFunctionCode),
    });

    const originVerify = (this.originVerify = new secretsmanager.Secret(this, 'OriginVerify', {
      description: 'Header value CloudFront adds to API requests so handlers can trust the viewer address header.',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    }));
    acknowledge(
      originVerify,
      'AwsSolutions-SMG4',
      'Resolved into the CloudFront origin header at deploy time, so rotation needs a stack update anyway: put a new random value, then deploy. A leak only lets a caller who bypasses CloudFront pick the address its password attempts are counted under.',
    );

    const apiOrigin = new origins.HttpOrigin(`${props.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      // A dynamic reference: the value never appears in the template, CloudFormation resolves it.
      customHeaders: { [ORIGIN_VERIFY_HEADER]: originVerify.secretValue.unsafeUnwrap() },
    });

    const custom = props.customDomain;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `ShareLink ${stack.stackName}`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      ...(custom && {
        domainNames: [custom.domainName],
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', custom.certificateArn),
        minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      enableLogging: true,
      logBucket: props.logs.cloudFront,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: webOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        '/s/*': {
          origin: webOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: securityHeaders,
          compress: true,
          functionAssociations: [{ function: shareRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
        '/r/*': {
          origin: webOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: securityHeaders,
          compress: true,
          functionAssociations: [{ function: requestRewrite, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        },
        // The OpenAPI document ships with the web app; listed before /api/*, so it wins.
        [OPENAPI_DOCUMENT_PATH]: {
          origin: webOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: securityHeaders,
          compress: true,
        },
        '/api/*': {
          origin: apiOrigin,
          // An API call sent over http has already leaked its body; refuse it instead of redirecting.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // API Gateway routes on its own Host name; everything else goes through: Authorization,
          // and the viewer address header set by the function below.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          functionAssociations: [{ function: viewerAddress, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: share links go to partners anywhere; access is controlled by share passwords and tokens.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'No WAF web ACL by default (fixed monthly cost per tenant); the API is throttled at the stage and password guessing is limited per link in code. Operators can attach a web ACL.',
    );
    if (!custom) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose security policy cannot be set; deploy with -c domainName and -c certificateArn to enforce TLSv1.2_2021.',
      );
    }

    this.url = `https://${custom ? custom.domainName : this.distribution.distributionDomainName}`;
  }

  /**
   * Uploads the built web app plus `config.json` and invalidates the distribution, so a
   * deploy is visible at once. Everything is served `no-cache` (revalidated by ETag).
   */
  deployWebApp(assetDir: string, config: WebConfig): s3deploy.BucketDeployment {
    const deploymentLogs = new logs.LogGroup(this, 'WebDeploymentLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const deployment = new s3deploy.BucketDeployment(this, 'WebDeployment', {
      sources: [s3deploy.Source.asset(assetDir), s3deploy.Source.jsonData('config.json', config)],
      destinationBucket: this.webBucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      cacheControl: [s3deploy.CacheControl.noCache()],
      logGroup: deploymentLogs,
      memoryLimit: 512,
    });
    acknowledgeDeploymentHandler(Stack.of(this), deployment, this.webBucket);
    return deployment;
  }
}

/**
 * BucketDeployment runs a CDK-provided singleton Lambda (Python + AWS CLI) whose code and
 * role aws-cdk-lib generates. Its findings are acknowledged on that singleton only, one
 * finding at a time, so anything CDK adds in a later version is reported again.
 */
function acknowledgeDeploymentHandler(stack: Stack, deployment: s3deploy.BucketDeployment, webBucket: s3.IBucket): void {
  const handler = stack.node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
  if (!handler) throw new Error('BucketDeployment handler not found: CDK changed its construct id.');
  const role = deployment.handlerRole;
  const why =
    'CDK BucketDeployment singleton (code and role generated by aws-cdk-lib) that copies the web build into the web bucket during deploy; nothing outside CloudFormation invokes it.';

  acknowledge(handler, 'AwsSolutions-L1', `${why} Its Python runtime is pinned by aws-cdk-lib.`);
  acknowledge(
    role,
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    `${why} It logs with the AWS basic execution policy.`,
  );
  for (const action of ['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
    acknowledge(
      role,
      `AwsSolutions-IAM5[Action::${action}]`,
      `${why} CDK's bucket grants (read the staged asset, sync into the web bucket) use ${action}.`,
    );
  }
  acknowledgeWildcardResource(
    role,
    webBucket.arnForObjects('*'),
    `${why} It syncs (and prunes) every object of the web bucket, which holds only the build.`,
  );
  acknowledge(
    role,
    'AwsSolutions-IAM5[Resource::*]',
    `${why} CloudFront CreateInvalidation/GetInvalidation do not support resource-level permissions.`,
  );
  // The CDK bootstrap staging bucket holding the zipped build; its name comes from the synthesizer.
  const policy = role.node.tryFindChild('DefaultPolicy') as iam.Policy | undefined;
  const resolved = policy ? (stack.resolve(policy.document.toJSON()) as { Statement?: { Resource?: unknown }[] } | undefined) : undefined;
  const statements = resolved?.Statement;
  for (const statement of statements ?? []) {
    for (const resource of [statement.Resource ?? []].flat()) {
      const rendered = flattenForNag(resource);
      if (/^arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-<AWS::AccountId>-<AWS::Region>\/\*$/.test(rendered)) {
        acknowledge(
          role,
          `AwsSolutions-IAM5[Resource::${rendered}]`,
          `${why} It reads the zipped build from the CDK bootstrap asset bucket.`,
        );
      }
    }
  }
}
