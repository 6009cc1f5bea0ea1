import { App } from 'aws-cdk-lib';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { readTenantConfig, stackNameFor, type TenantConfig } from './config.js';
import { addNagChecks } from './nag.js';
import { ShareLinkStack, type ShareLinkStackProps } from './sharelink-stack.js';

export interface ShareLinkAppOptions {
  /** Extra context, as `-c key=value` would give (tests pass the tenant here). */
  context?: Record<string, unknown>;
  outdir?: string;
}

/**
 * The CDK app as `cdk synth` builds it and as the tests build it: today's recommended
 * feature flags (CLI context still wins) and cdk-nag AwsSolutions failing synthesis on any
 * unacknowledged finding.
 */
export function createApp(options: ShareLinkAppOptions = {}): App {
  const app = new App({
    context: { ...CURRENTLY_RECOMMENDED_FLAGS, ...options.context },
    ...(options.outdir && { outdir: options.outdir }),
  });
  addNagChecks(app);
  return app;
}

/** The tenant configuration from the app's context (throws ConfigError with a how-to-fix message). */
export function tenantConfigOf(app: App): TenantConfig {
  return readTenantConfig((key) => app.node.tryGetContext(key));
}

/** Adds `ShareLink-<tenant>` for the given configuration. */
export function addTenantStack(app: App, config: TenantConfig, props: Omit<ShareLinkStackProps, 'config'>): ShareLinkStack {
  return new ShareLinkStack(app, stackNameFor(config.tenant), { ...props, config });
}
