/**
 * Several tenants in one app, each with its own options, synthesized once without
 * bundling (the bundles are covered by stack.test.ts).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, tenantConfigOf } from '../../infra/app.js';
import { ConfigError } from '../../infra/config.js';
import { onlyResource, render, resources, synthTenants, type SynthResult } from './support.js';

const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let synth: SynthResult;
let acme: Template;
let globex: Template;
let initech: Template;

beforeAll(() => {
  synth = synthTenants(
    [
      { tenant: 'acme' },
      { tenant: 'globex', senderDomain: 'mail.globex.example', domainName: 'share.globex.example', certificateArn },
      { tenant: 'initech', senderAddress: 'files@initech.example' },
    ],
    { bundle: false },
  );
  [acme, globex, initech] = synth.templates as [Template, Template, Template];
});
afterAll(() => synth?.cleanup());

/** Properties holding names that must be unique per account (and region). */
const physicalNameProperties: Record<string, string[]> = {
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::DynamoDB::GlobalTable': ['TableName'],
  'AWS::Cognito::UserPool': ['UserPoolName'],
  'AWS::ApiGatewayV2::Api': ['Name'],
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::IAM::Role': ['RoleName'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::SES::EmailIdentity': ['EmailIdentity'],
  'AWS::CloudFront::Function': ['Name'],
  'AWS::CloudFront::ResponseHeadersPolicy': ['ResponseHeadersPolicyConfig.Name'],
  'AWS::CloudFront::OriginAccessControl': ['OriginAccessControlConfig.Name'],
};

function physicalNames(template: Template): string[] {
  return Object.values(resources(template)).flatMap((resource) =>
    (physicalNameProperties[resource.Type] ?? [])
      .map((property) => property.split('.').reduce<any>((value, key) => value?.[key], resource.Properties))
      .filter((value) => value !== undefined)
      .map(render),
  );
}

describe('tenants side by side', () => {
  it('creates one ShareLink-<tenant> stack per tenant', () => {
    expect(synth.stacks.map((stack) => stack.stackName)).toEqual(['ShareLink-acme', 'ShareLink-globex', 'ShareLink-initech']);
  });

  it('gives the tenants no physical name in common, and every fixed name carries its tenant', () => {
    const names = [acme, globex, initech].map(physicalNames);
    const tenants = ['acme', 'globex', 'initech'];
    names.forEach((tenantNames, index) => {
      expect(tenantNames.length).toBeGreaterThan(0);
      for (const name of tenantNames) {
        // SES identities are the operator's own domains/addresses, not derived names.
        if (name.includes('.example')) continue;
        expect(name.toLowerCase()).toContain(tenants[index]);
      }
      const others = names.filter((_, other) => other !== index).flat();
      expect(tenantNames.filter((name) => others.includes(name))).toEqual([]);
    });
  });

  it('shares no resource between stacks: no cross-stack import or export', () => {
    for (const template of [acme, globex, initech]) {
      const json = JSON.stringify(template.toJSON());
      expect(json).not.toContain('Fn::ImportValue');
      expect(template.toJSON().Outputs?.ExportsOutput).toBeUndefined();
      expect(Object.values(template.toJSON().Outputs as Record<string, { Export?: unknown }>).filter((output) => output.Export)).toEqual(
        [],
      );
    }
  });
});

describe('optional context', () => {
  it('creates no SES identity unless a sender is given', () => {
    expect(Object.keys(resources(acme, 'AWS::SES::EmailIdentity'))).toEqual([]);
    expect(onlyResource(globex, 'AWS::SES::EmailIdentity')[1].Properties.EmailIdentity).toBe('mail.globex.example');
    expect(onlyResource(initech, 'AWS::SES::EmailIdentity')[1].Properties.EmailIdentity).toBe('files@initech.example');
  });

  it('serves a custom domain with its certificate and TLS 1.2, and uses it as the public origin', () => {
    const config = onlyResource(globex, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
    expect(config.Aliases).toEqual(['share.globex.example']);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: certificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
    const files = Object.values(resources(globex, 'AWS::S3::Bucket')).find((bucket) => bucket.Properties.BucketName)!;
    expect(files.Properties.CorsConfiguration.CorsRules[0].AllowedOrigins).toEqual(['https://share.globex.example']);
    for (const fn of Object.values(resources(globex, 'AWS::Lambda::Function'))) {
      if (!String(fn.Properties.Description).startsWith('ShareLink ')) continue;
      expect(fn.Properties.Environment.Variables.PUBLIC_BASE_URL).toBe('https://share.globex.example');
    }
    expect(render(globex.toJSON().Outputs.SiteUrl.Value)).toBe('https://share.globex.example');
  });

  it('keeps the CloudFront default certificate without a custom domain', () => {
    const config = onlyResource(acme, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig;
    expect(config.Aliases).toBeUndefined();
    expect(config.ViewerCertificate).toBeUndefined();
  });
});

describe('the CDK entry point', () => {
  it('reads the tenant from the app context and rejects a missing one', () => {
    expect(tenantConfigOf(createApp({ context: { tenant: 'acme' } }))).toEqual({ tenant: 'acme' });
    expect(() => tenantConfigOf(createApp())).toThrow(ConfigError);
  });

  it('exits with a clear message, before building anything, when no tenant is given', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ tenant: 'Not Valid' }) },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ShareLink: Invalid tenant "Not Valid"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
