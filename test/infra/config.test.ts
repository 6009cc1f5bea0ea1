import { describe, expect, it } from 'vitest';
import { ConfigError, readTenantConfig, stackNameFor } from '../../infra/config.js';

const read = (context: Record<string, unknown>) => readTenantConfig((key) => context[key]);

describe('tenant configuration from CDK context', () => {
  it('names the stack after the tenant', () => {
    expect(read({ tenant: 'acme' })).toEqual({ tenant: 'acme' });
    expect(stackNameFor('acme')).toBe('ShareLink-acme');
  });

  it('refuses a missing tenant and says how to pass one', () => {
    expect(() => read({})).toThrow(ConfigError);
    expect(() => read({})).toThrow(/-c tenant=<name>/);
    expect(() => read({ tenant: '' })).toThrow(/Missing tenant/);
  });

  it.each(['Acme', 'acme_co', 'a'.repeat(21), 'acme.example', 'acme corp', 'ümlaut'])('refuses the tenant %j', (tenant) => {
    expect(() => read({ tenant })).toThrow(/Invalid tenant/);
  });

  it.each(['a', 'acme', 'team-7', '0', 'a'.repeat(20)])('accepts the tenant %j', (tenant) => {
    expect(read({ tenant }).tenant).toBe(tenant);
  });

  it('takes an SES sender address or domain, and refuses an address outside the domain', () => {
    expect(read({ tenant: 'acme', senderAddress: 'Share@Acme.example' })).toMatchObject({ senderAddress: 'share@acme.example' });
    expect(read({ tenant: 'acme', senderDomain: 'mail.acme.example' })).toMatchObject({ senderDomain: 'mail.acme.example' });
    expect(read({ tenant: 'acme', senderAddress: 'share@mail.acme.example', senderDomain: 'mail.acme.example' })).toMatchObject({
      senderAddress: 'share@mail.acme.example',
      senderDomain: 'mail.acme.example',
    });
    expect(() => read({ tenant: 'acme', senderAddress: 'share@other.example', senderDomain: 'acme.example' })).toThrow(
      /not in senderDomain/,
    );
    expect(() => read({ tenant: 'acme', senderAddress: 'not-an-address' })).toThrow(/Invalid senderAddress/);
    expect(() => read({ tenant: 'acme', senderDomain: 'no_underscores.example' })).toThrow(/Invalid senderDomain/);
  });

  it('needs both domainName and a us-east-1 certificate for a custom domain', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
    expect(read({ tenant: 'acme', domainName: 'share.acme.example', certificateArn })).toMatchObject({
      customDomain: { domainName: 'share.acme.example', certificateArn },
    });
    expect(() => read({ tenant: 'acme', domainName: 'share.acme.example' })).toThrow(/needs both/);
    expect(() => read({ tenant: 'acme', certificateArn })).toThrow(/needs both/);
    expect(() =>
      read({ tenant: 'acme', domainName: 'share.acme.example', certificateArn: certificateArn.replace('us-east-1', 'eu-west-1') }),
    ).toThrow(/us-east-1/);
  });

  it('refuses non-string context values', () => {
    expect(() => read({ tenant: 42 })).toThrow(/must be a string/);
  });
});
