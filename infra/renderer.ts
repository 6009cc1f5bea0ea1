import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { rendererEnvironmentNeeds, rendererFunction } from '../functions/lib/contract/renderer.js';
import type { EnvKey } from '../functions/lib/contract/environment.js';
import { grantFunctionAccess, type AccessResources } from './access.js';
import { environmentFor } from './environment.js';
import { rendererCode, rendererFunctionDefaults } from './renderer-asset.js';
import { runtime } from './sharelink-function.js';

export interface RendererProps {
  /** `functions/renderer/lambda.ts`. */
  entry: string;
  resources: AccessResources;
  environmentValues: Partial<Record<EnvKey, string>>;
}

/**
 * The preview renderer (secure view): sharp, pdf.js and @napi-rs/canvas for linux-arm64, so its
 * code is assembled by infra/renderer-asset.ts rather than NodejsFunction. Its role reads
 * originals (`users/*`) and writes renders (`previews/*`) only, as `contract/renderer.ts` says.
 */
export class Renderer extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: RendererProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const description = 'ShareLink preview renderer (secure view)';
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description });
    logGroup.grantWrite(this.role);
    this.function = new lambda.Function(this, 'Handler', {
      ...rendererFunctionDefaults,
      code: rendererCode(this, props.entry),
      runtime,
      description,
      role: this.role,
      logGroup,
      // No --enable-source-maps, like every function: pdf.js throws and catches as it parses, and mapping
      // each of those stacks through the bundle's source map made a PDF page ~0.6 s slower (docs/architecture.md).
      environment: environmentFor(rendererEnvironmentNeeds, props.environmentValues),
    });
    const { access } = rendererFunction;
    grantFunctionAccess(
      this.role,
      { table: [], files: [access.files], previews: [access.previews], signingKey: false, originSecret: false, sender: false },
      props.resources,
    );
  }
}
