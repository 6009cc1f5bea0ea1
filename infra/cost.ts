/**
 * What a tenant costs: the resources of its synthesized template with a fixed monthly price
 * (the idle cost), and the usage a recipient's visit causes, priced with AWS list prices.
 * Plain data and arithmetic over a CloudFormation template; docs/cost.md holds the tables
 * `npm run cost` renders from here, and test/infra/cost.test.ts fails when they disagree with
 * the synthesized stack, so a resource with a fixed price cannot be added unnoticed.
 */

/**
 * AWS list prices, us-east-1, USD, as published in June 2025 (the last we could check; the
 * machine that wrote this has no internet access). Check them against the AWS pricing pages
 * before quoting a figure; then update them here and run `npm run cost`.
 */
export const PRICES_AS_OF = '2025-06 (us-east-1 list prices, to be checked)';

export const prices = {
  /** Secrets Manager, per secret per month; API calls per 10,000. */
  secretMonth: 0.4,
  secretCallsPer10k: 0.05,
  /** CloudWatch, per standard-resolution alarm metric per month (a metric-math alarm counts each metric it reads). */
  alarmMetricMonth: 0.1,
  highResolutionAlarmMetricMonth: 0.3,
  compositeAlarmMonth: 0.5,
  dashboardMonth: 3,
  /** KMS customer managed key per month. */
  kmsKeyMonth: 1,
  /** WAF web ACL per month, and each rule in it. */
  webAclMonth: 5,
  webAclRuleMonth: 1,
  /** A NAT gateway's hours (730 a month at USD 0.045). */
  natGatewayMonth: 32.85,
  /** An interface VPC endpoint per Availability Zone (730 hours at USD 0.01). */
  interfaceEndpointAzMonth: 7.3,
  /** A public IPv4 address (730 hours at USD 0.005). */
  publicIpv4Month: 3.65,
  /** An Application or Network Load Balancer's hours (730 at USD 0.0225). */
  loadBalancerMonth: 16.43,
  /** Route 53 hosted zone per month. */
  hostedZoneMonth: 0.5,
  /** DynamoDB provisioned capacity: per WCU and per RCU, 730 hours. */
  provisionedWcuMonth: 0.00065 * 730,
  provisionedRcuMonth: 0.00013 * 730,

  /** API Gateway HTTP API, per million requests (first 300 million). */
  httpApiPerMillion: 1,
  /** Lambda arm64: per million requests, per GB-second. */
  lambdaPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  /** DynamoDB on demand: per million write and read request units. */
  dynamoWritePerMillion: 0.625,
  dynamoReadPerMillion: 0.125,
  /** S3 Standard: GET/HEAD per 1,000, LIST/PUT per 1,000, storage per GB-month. */
  s3GetPer1k: 0.0004,
  s3ListPer1k: 0.005,
  s3StorageGbMonth: 0.023,
  /** Data transfer to the internet, first 10 TB: from S3, and from CloudFront (North America/Europe). */
  s3TransferGb: 0.09,
  cloudFrontTransferGb: 0.085,
  /** CloudFront HTTPS requests per 10,000 (North America/Europe). */
  cloudFrontHttpsPer10k: 0.01,
  /** CloudWatch Logs ingestion per GB. */
  logsIngestGb: 0.5,
  /** DynamoDB storage and continuous backups (point-in-time recovery) per GB-month. */
  dynamoStorageGbMonth: 0.25,
  dynamoPitrGbMonth: 0.2,
} as const;

type Resource = { Type: string; Properties?: Record<string, unknown> };
export interface Template {
  Resources: Record<string, Resource>;
}

/** One kind of fixed monthly charge found in a template. */
export interface FixedPriceItem {
  type: string;
  unit: string;
  count: number;
  /** USD per unit per month. */
  unitMonthlyUsd: number;
}

/** How a resource type is billed: a fixed monthly part (units of it), or only by use and storage. */
type Classifier = (resource: Resource) => { unit: string; count: number; unitMonthlyUsd: number }[];

const usageOnly: Classifier = () => [];
const each =
  (unit: string, unitMonthlyUsd: number): Classifier =>
  () => [{ unit, count: 1, unitMonthlyUsd }];

function alarmMetrics(resource: Resource) {
  const props = resource.Properties ?? {};
  const metrics = Array.isArray(props.Metrics) ? (props.Metrics as { MetricStat?: { Period?: number } }[]) : undefined;
  const periods = metrics ? metrics.filter((m) => m.MetricStat).map((m) => m.MetricStat?.Period ?? 60) : [Number(props.Period ?? 60)];
  const highResolution = periods.filter((period) => period < 60).length;
  return [
    { unit: 'alarm metric (standard resolution)', count: periods.length - highResolution, unitMonthlyUsd: prices.alarmMetricMonth },
    { unit: 'alarm metric (high resolution)', count: highResolution, unitMonthlyUsd: prices.highResolutionAlarmMetricMonth },
  ].filter((item) => item.count > 0);
}

/** Provisioned DynamoDB capacity (on-demand tables have no fixed part). */
function dynamoCapacity(resource: Resource) {
  const props = resource.Properties ?? {};
  const text = JSON.stringify(props);
  if (
    props.BillingMode === 'PAY_PER_REQUEST' ||
    !/ProvisionedThroughput|WriteProvisionedThroughputSettings|ReadProvisionedThroughputSettings/.test(text)
  ) {
    return [];
  }
  const sum = (pattern: RegExp) => [...text.matchAll(pattern)].reduce((total, match) => total + Number(match[1]), 0);
  return [
    {
      unit: 'provisioned write capacity unit',
      count: sum(/"(?:WriteCapacityUnits|MinCapacity)":(\d+)/g),
      unitMonthlyUsd: prices.provisionedWcuMonth,
    },
    { unit: 'provisioned read capacity unit', count: sum(/"ReadCapacityUnits":(\d+)/g), unitMonthlyUsd: prices.provisionedRcuMonth },
  ].filter((item) => item.count > 0);
}

/**
 * Every resource type a ShareLink template may hold, and how it is billed. A type missing here
 * makes the cost test fail, so whoever adds one decides whether it has a fixed monthly price.
 */
export const billing: Record<string, Classifier> = {
  // Fixed monthly prices.
  'AWS::SecretsManager::Secret': each('secret', prices.secretMonth),
  'AWS::CloudWatch::Alarm': alarmMetrics,
  'AWS::CloudWatch::CompositeAlarm': each('composite alarm', prices.compositeAlarmMonth),
  'AWS::CloudWatch::Dashboard': each('dashboard (the first 3 of an account are free)', prices.dashboardMonth),
  'AWS::KMS::Key': each('customer managed key', prices.kmsKeyMonth),
  'AWS::WAFv2::WebACL': (resource) => [
    { unit: 'web ACL', count: 1, unitMonthlyUsd: prices.webAclMonth },
    {
      unit: 'web ACL rule',
      count: Array.isArray(resource.Properties?.Rules) ? resource.Properties.Rules.length : 0,
      unitMonthlyUsd: prices.webAclRuleMonth,
    },
  ],
  'AWS::EC2::NatGateway': each('NAT gateway', prices.natGatewayMonth),
  'AWS::EC2::EIP': each('public IPv4 address', prices.publicIpv4Month),
  'AWS::EC2::VPCEndpoint': (resource) =>
    resource.Properties?.VpcEndpointType === 'Interface'
      ? [
          {
            unit: 'interface endpoint per subnet',
            count: Array.isArray(resource.Properties.SubnetIds) ? resource.Properties.SubnetIds.length : 1,
            unitMonthlyUsd: prices.interfaceEndpointAzMonth,
          },
        ]
      : [],
  'AWS::ElasticLoadBalancingV2::LoadBalancer': each('load balancer', prices.loadBalancerMonth),
  'AWS::Route53::HostedZone': each('hosted zone', prices.hostedZoneMonth),
  'AWS::DynamoDB::GlobalTable': dynamoCapacity,
  'AWS::DynamoDB::Table': dynamoCapacity,

  // Billed by use (requests, duration, transfer) and by what is stored, nothing at rest.
  'AWS::ApiGatewayV2::Api': usageOnly,
  'AWS::ApiGatewayV2::Authorizer': usageOnly,
  'AWS::ApiGatewayV2::Integration': usageOnly,
  'AWS::ApiGatewayV2::Route': usageOnly,
  'AWS::ApiGatewayV2::Stage': usageOnly,
  'AWS::CloudFront::Distribution': usageOnly,
  'AWS::CloudFront::Function': usageOnly,
  'AWS::CloudFront::OriginAccessControl': usageOnly,
  'AWS::CloudFront::ResponseHeadersPolicy': usageOnly,
  'AWS::CloudFront::CachePolicy': usageOnly,
  'AWS::CloudFront::OriginRequestPolicy': usageOnly,
  'AWS::Cognito::UserPool': usageOnly,
  'AWS::Cognito::UserPoolClient': usageOnly,
  'AWS::Cognito::UserPoolGroup': usageOnly,
  'AWS::Cognito::UserPoolDomain': usageOnly,
  'AWS::IAM::Role': usageOnly,
  'AWS::IAM::Policy': usageOnly,
  'AWS::IAM::ManagedPolicy': usageOnly,
  'AWS::Lambda::Function': usageOnly,
  'AWS::Lambda::EventSourceMapping': usageOnly,
  'AWS::Lambda::LayerVersion': usageOnly,
  'AWS::Lambda::Permission': usageOnly,
  'AWS::Logs::LogGroup': usageOnly,
  'AWS::S3::Bucket': usageOnly,
  'AWS::S3::BucketPolicy': usageOnly,
  'AWS::SES::ConfigurationSet': usageOnly,
  'AWS::SES::ConfigurationSetEventDestination': usageOnly,
  'AWS::SES::EmailIdentity': usageOnly,
  'AWS::SNS::Topic': usageOnly,
  'AWS::SNS::Subscription': usageOnly,
  'AWS::SQS::Queue': usageOnly,
  'AWS::SQS::QueuePolicy': usageOnly,
  'AWS::CDK::Metadata': usageOnly,
  // CDK's web-asset deployment: a Lambda that runs at deploy time only.
  'Custom::CDKBucketDeployment': usageOnly,
};

/** The template's fixed monthly charges, by type and unit, and the types `billing` does not know. */
export function fixedPriceInventory(template: Template): { items: FixedPriceItem[]; unclassified: string[] } {
  const items = new Map<string, FixedPriceItem>();
  const unclassified = new Set<string>();
  for (const resource of Object.values(template.Resources)) {
    const classify = billing[resource.Type];
    if (!classify) {
      unclassified.add(resource.Type);
      continue;
    }
    for (const charge of classify(resource)) {
      const key = `${resource.Type} ${charge.unit}`;
      const item = items.get(key) ?? { type: resource.Type, unit: charge.unit, count: 0, unitMonthlyUsd: charge.unitMonthlyUsd };
      item.count += charge.count;
      items.set(key, item);
    }
  }
  return {
    items: [...items.values()].sort((a, b) => a.type.localeCompare(b.type) || a.unit.localeCompare(b.unit)),
    unclassified: [...unclassified].sort(),
  };
}

export const idleMonthlyUsd = (items: readonly FixedPriceItem[]) => items.reduce((sum, item) => sum + item.count * item.unitMonthlyUsd, 0);

/**
 * One recipient visit, as the web page and the functions make it (functions/lib/domain/
 * recipient/): open the link page, read the link, unlock, list the share's root, get one
 * download URL, download the file from S3. Durations are assumptions for a 512 MB arm64
 * function (scrypt dominates the unlock), stated in docs/cost.md; the file's bytes are priced
 * per GB apart.
 */
export const visit = {
  /** share.html, its script and style sheet, config.json: through CloudFront. */
  pageRequests: 4,
  pageKb: 25,
  /** GET the link, POST access, GET files, POST downloads: through CloudFront to API Gateway, one Lambda invocation each. */
  apiRequests: 4,
  apiResponseKb: 2,
  /** Billed milliseconds of the recipient function (512 MB) for the four requests. */
  lambdaMs: { get: 30, unlock: 250, list: 40, download: 60 },
  lambdaMemoryGb: 0.5,
  /** Share of visits that start a new instance, and that start's billed init (AWS bills init since August 2025). */
  coldShare: 0.2,
  initMs: 450,
  /** Secrets read per cold start (signing key, origin secret). */
  secretCallsPerColdStart: 2,
  /**
   * DynamoDB: one strongly consistent GetItem of the share per request (1 RRU); writes under
   * 1 KB: attempt counter +1 and -1, unlock event, download count (and its copy in the owner
   * index, which projects every attribute), download event.
   */
  dynamoReadUnits: 4,
  dynamoWriteUnits: 6,
  /** S3: HeadObject before the presign, and the recipient's GET of the file. */
  s3Gets: 2,
  /** The notify function on the download event (a download alert is only sent when the owner asked; invocations either way). */
  notifyInvocations: 1,
  notifyMs: 20,
  /** Log lines (START, END, REPORT) per invocation. */
  logKbPerInvocation: 0.4,
} as const;

export interface CostLine {
  what: string;
  quantity: string;
  usd: number;
}

/** USD per 1,000 visits, line by line (the file's own bytes excluded: see `prices.s3TransferGb`). */
export function perThousandVisits(): CostLine[] {
  const n = 1000;
  const invocations = visit.apiRequests + visit.notifyInvocations;
  const lambdaMs = Object.values(visit.lambdaMs).reduce((sum, value) => sum + value, 0);
  const gbSeconds = n * ((lambdaMs + visit.coldShare * visit.initMs) / 1000) * visit.lambdaMemoryGb + n * (visit.notifyMs / 1000) * 0.25;
  const cloudFrontRequests = n * (visit.pageRequests + visit.apiRequests);
  const cloudFrontGb = (n * (visit.pageKb + visit.apiRequests * visit.apiResponseKb)) / 1024 / 1024;
  return [
    {
      what: 'CloudFront requests (page and API)',
      quantity: `${cloudFrontRequests.toLocaleString('en-US')} HTTPS requests`,
      usd: (cloudFrontRequests / 10_000) * prices.cloudFrontHttpsPer10k,
    },
    {
      what: 'CloudFront transfer out',
      quantity: `${(cloudFrontGb * 1024).toFixed(0)} MB`,
      usd: cloudFrontGb * prices.cloudFrontTransferGb,
    },
    {
      what: 'API Gateway HTTP API',
      quantity: `${(n * visit.apiRequests).toLocaleString('en-US')} requests`,
      usd: ((n * visit.apiRequests) / 1e6) * prices.httpApiPerMillion,
    },
    {
      what: 'Lambda requests',
      quantity: `${(n * invocations).toLocaleString('en-US')} invocations`,
      usd: ((n * invocations) / 1e6) * prices.lambdaPerMillion,
    },
    {
      what: 'Lambda duration (arm64, init included)',
      quantity: `${gbSeconds.toFixed(0)} GB-seconds`,
      usd: gbSeconds * prices.lambdaArmGbSecond,
    },
    {
      what: 'DynamoDB on-demand reads',
      quantity: `${(n * visit.dynamoReadUnits).toLocaleString('en-US')} RRU`,
      usd: ((n * visit.dynamoReadUnits) / 1e6) * prices.dynamoReadPerMillion,
    },
    {
      what: 'DynamoDB on-demand writes',
      quantity: `${(n * visit.dynamoWriteUnits).toLocaleString('en-US')} WRU`,
      usd: ((n * visit.dynamoWriteUnits) / 1e6) * prices.dynamoWritePerMillion,
    },
    {
      what: 'S3 GET and HEAD requests',
      quantity: `${(n * visit.s3Gets).toLocaleString('en-US')} requests`,
      usd: ((n * visit.s3Gets) / 1000) * prices.s3GetPer1k,
    },
    {
      what: 'Secrets Manager calls (cold starts)',
      quantity: `${(n * visit.coldShare * visit.secretCallsPerColdStart).toFixed(0)} calls`,
      usd: ((n * visit.coldShare * visit.secretCallsPerColdStart) / 10_000) * prices.secretCallsPer10k,
    },
    {
      what: 'CloudWatch Logs ingestion',
      quantity: `${((n * invocations * visit.logKbPerInvocation) / 1024).toFixed(1)} MB`,
      usd: ((n * invocations * visit.logKbPerInvocation) / 1024 / 1024) * prices.logsIngestGb,
    },
  ];
}

const usd = (value: number) => `${value.toFixed(value < 0.1 ? 4 : 2)}`;

/** The two generated tables of docs/cost.md, from a tenant's template. */
export function costTables(template: Template): { fixed: string; visits: string; idleUsd: number; perThousandUsd: number } {
  const { items } = fixedPriceInventory(template);
  const idleUsd = idleMonthlyUsd(items);
  const lines = perThousandVisits();
  const perThousandUsd = lines.reduce((sum, line) => sum + line.usd, 0);
  const fixed = [
    '| resource type | unit | count | USD per unit-month | USD per month |',
    '|---|---|---|---|---|',
    ...items.map(
      (item) => `| ${item.type} | ${item.unit} | ${item.count} | ${usd(item.unitMonthlyUsd)} | ${usd(item.count * item.unitMonthlyUsd)} |`,
    ),
    `| **idle tenant** | | | | **${usd(idleUsd)}** |`,
  ].join('\n');
  const visits = [
    '| what | per 1,000 visits | USD |',
    '|---|---|---|',
    ...lines.map((line) => `| ${line.what} | ${line.quantity} | ${usd(line.usd)} |`),
    `| **1,000 recipient visits** | | **${usd(perThousandUsd)}** |`,
  ].join('\n');
  return { fixed, visits, idleUsd, perThousandUsd };
}

/** Where the generated tables sit in docs/cost.md. */
export const markers = {
  fixed: ['<!-- npm run cost: fixed-price resources -->', '<!-- end: fixed-price resources -->'],
  visits: ['<!-- npm run cost: per 1,000 visits -->', '<!-- end: per 1,000 visits -->'],
} as const;

/** The text between a pair of markers in the document, trimmed. */
export function generatedBlock(document: string, [start, end]: readonly [string, string]): string | undefined {
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 || to === -1 || to < from) return undefined;
  return document.slice(from + start.length, to).trim();
}

/** The document with the block between the markers replaced. */
export function withGeneratedBlock(document: string, [start, end]: readonly [string, string], content: string): string {
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 || to === -1 || to < from) throw new Error(`docs/cost.md lacks the markers ${start} … ${end}`);
  return `${document.slice(0, from + start.length)}\n\n${content}\n\n${document.slice(to)}`;
}
