import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { lambdaAlias, lambdaBundling, lambdaNodeOptions, lambdaRuntime } from './bundling.js';

/** Every ShareLink Lambda runs on this runtime; the local runtime bundles for the same target. */
export const runtime =
  // Not NODEJS_LATEST (same name, but "variable": it may move to a newer Node under us).
  lambda.Runtime.ALL.find((candidate) => candidate.name === lambdaRuntime && !candidate.isVariable) ??
  new lambda.Runtime(lambdaRuntime, lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true });

export interface ShareLinkFunctionProps {
  /** Absolute path of the TypeScript entry file exporting `handler`. */
  entry: string;
  description: string;
  /** From `environmentFor` (infra/environment.ts): only the variables the function reads. */
  environment: Record<string, string>;
  /** scrypt password hashing is CPU-bound and Lambda CPU scales with memory: 512 MB by default. */
  memorySize?: number;
  timeout?: Duration;
}

/**
 * One place for the defaults of every ShareLink function (runtime, arm64, bundling, logs,
 * source maps, read only when an error is logged), so each function only states what differs: its
 * entry, its environment and, through `role`, its grants. The role starts empty except for
 * writing to the function's own log group (no AWS managed policy, no wildcard).
 */
export class ShareLinkFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ShareLinkFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Handler', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      // API Gateway gives up after 30 s; a request that needs more than 10 s is stuck.
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      environment: {
        ...(lambdaNodeOptions.length ? { NODE_OPTIONS: lambdaNodeOptions.join(' ') } : {}),
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: lambdaBundling.target,
        minify: lambdaBundling.minify,
        sourceMap: lambdaBundling.sourcemap,
        sourcesContent: lambdaBundling.sourcesContent,
        mainFields: lambdaBundling.mainFields,
        banner: lambdaBundling.banner,
        externalModules: lambdaBundling.external,
        esbuildArgs: Object.fromEntries(Object.entries(lambdaAlias).map(([name, target]) => [`--alias:${name}`, target])),
        // Same as the local runtime's esbuild: only warnings and errors, no size table per function.
        logLevel: LogLevel.WARNING,
      },
    });
  }
}
