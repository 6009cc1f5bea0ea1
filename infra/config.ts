/**
 * The deploy-time choices an operator makes per tenant, read from CDK context
 * (`-c tenant=acme -c senderDomain=acme.example`). Plain data and checks only: importing
 * this file does not load aws-cdk-lib, so the rules are cheap to test.
 */
import { DEFAULT_MAX_UPLOAD_BYTES, MAX_CONFIGURABLE_UPLOAD_BYTES } from '../functions/lib/domain/files/uploads.js';
export interface TenantConfig {
  /** Lowercase letters, digits and hyphens, 1-20 characters; names the stack `ShareLink-<tenant>`. */
  tenant: string;
  /** SES identity for notification email: one verified address... */
  senderAddress?: string;
  /** ...or a whole verified domain (DKIM records are an output of the stack). */
  senderDomain?: string;
  /** Custom domain served by CloudFront; needs a certificate in us-east-1. */
  customDomain?: { domainName: string; certificateArn: string };
  /** SNS topic (owned by the operator) that alarms notify. */
  alarmTopicArn?: string;
  /** Largest file an owner may upload, in bytes (`-c maxUploadBytes`); 5 GiB when not given. */
  maxUploadBytes?: number;
}

export { DEFAULT_MAX_UPLOAD_BYTES };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const tenantPattern = /^[a-z0-9-]{1,20}$/;
// Deliberately simple: SES verifies the address; this only catches typos like a missing @.
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const domainPattern = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const certificateArnPattern = /^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/[\w-]+$/;

export function stackNameFor(tenant: string): string {
  return `ShareLink-${tenant}`;
}

/** Reads and checks the context; every problem is a ConfigError that says how to fix it. */
export function readTenantConfig(context: (key: string) => unknown): TenantConfig {
  const text = (key: string): string | undefined => {
    const value = context(key);
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') throw new ConfigError(`Context "${key}" must be a string.`);
    return value.trim();
  };

  const tenant = text('tenant');
  if (!tenant) {
    throw new ConfigError(
      'Missing tenant. Deploy one stack per tenant: npx cdk synth -c tenant=<name> (lowercase letters, digits, hyphens, 1-20 characters).',
    );
  }
  if (!tenantPattern.test(tenant)) {
    throw new ConfigError(`Invalid tenant "${tenant}": use 1-20 lowercase letters, digits or hyphens (for example "acme" or "team-7").`);
  }

  const config: TenantConfig = { tenant };

  const senderAddress = text('senderAddress')?.toLowerCase();
  if (senderAddress !== undefined) {
    if (!emailPattern.test(senderAddress)) throw new ConfigError(`Invalid senderAddress "${senderAddress}": expected an email address.`);
    config.senderAddress = senderAddress;
  }
  const senderDomain = text('senderDomain')?.toLowerCase();
  if (senderDomain !== undefined) {
    if (!domainPattern.test(senderDomain))
      throw new ConfigError(`Invalid senderDomain "${senderDomain}": expected a domain name like mail.example.com.`);
    if (senderAddress && !senderAddress.endsWith(`@${senderDomain}`)) {
      throw new ConfigError(
        `senderAddress ${senderAddress} is not in senderDomain ${senderDomain}; give one of them, or an address in that domain.`,
      );
    }
    config.senderDomain = senderDomain;
  }

  const domainName = text('domainName')?.toLowerCase();
  const certificateArn = text('certificateArn');
  if (domainName !== undefined || certificateArn !== undefined) {
    if (!domainName || !certificateArn) {
      throw new ConfigError('A custom domain needs both -c domainName=<host> and -c certificateArn=<ACM certificate ARN in us-east-1>.');
    }
    if (!domainPattern.test(domainName))
      throw new ConfigError(`Invalid domainName "${domainName}": expected a host name like share.example.com.`);
    if (!certificateArnPattern.test(certificateArn)) {
      throw new ConfigError(
        `Invalid certificateArn "${certificateArn}": CloudFront needs an ACM certificate in us-east-1 (arn:aws:acm:us-east-1:<account>:certificate/<id>).`,
      );
    }
    config.customDomain = { domainName, certificateArn };
  }

  const alarmTopicArn = text('alarmTopicArn');
  if (alarmTopicArn !== undefined) {
    if (!/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]+$/.test(alarmTopicArn)) {
      throw new ConfigError(`Invalid alarmTopicArn "${alarmTopicArn}": expected an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>).`);
    }
    config.alarmTopicArn = alarmTopicArn;
  }

  const maxUploadBytes = context('maxUploadBytes');
  if (maxUploadBytes !== undefined && maxUploadBytes !== null && maxUploadBytes !== '') {
    // `-c maxUploadBytes=…` arrives as a string, cdk.json as a number.
    const value =
      typeof maxUploadBytes === 'number' ? maxUploadBytes : typeof maxUploadBytes === 'string' ? Number(maxUploadBytes.trim()) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < 1 || value > MAX_CONFIGURABLE_UPLOAD_BYTES) {
      throw new ConfigError(
        `Invalid maxUploadBytes "${JSON.stringify(maxUploadBytes)}": give a whole number of bytes from 1 to ${MAX_CONFIGURABLE_UPLOAD_BYTES} (for example 10737418240 for 10 GiB).`,
      );
    }
    config.maxUploadBytes = value;
  }
  return config;
}
