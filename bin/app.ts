/**
 * CDK entry (`npx cdk synth|deploy -c tenant=<name>`): builds the web app, then the
 * tenant's stack `ShareLink-<tenant>`. Optional context: senderAddress or senderDomain
 * (SES identity for notification email), domainName + certificateArn (custom domain).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addTenantStack, createApp, tenantConfigOf } from '../infra/app.js';
import { ConfigError } from '../infra/config.js';
import { buildWeb } from '../web/build.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webAssetDir = path.join(repoRoot, '.build', 'web');

try {
  const app = createApp();
  // Check the context before spending time on builds.
  const config = tenantConfigOf(app);
  await buildWeb({ outDir: webAssetDir, minify: true });
  addTenantStack(app, config, { webAssetDir });
  app.synth();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`ShareLink: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
