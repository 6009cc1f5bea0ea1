import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../functions/lib/config.js';
import { ENV, environmentKeysFor } from '../../../functions/lib/contract/environment.js';
import { matchesStreamFilters, notifyConsumer } from '../../../functions/lib/contract/streams.js';
import { keys, parseKey } from '../../../functions/lib/contract/table.js';

describe('table keys', () => {
  it('are built and parsed back by the one keys module', () => {
    expect(keys.share('abc')).toEqual({ pk: 'SHARE#abc', sk: 'META' });
    expect(parseKey(keys.share('abc'))).toEqual({ kind: 'share', shareId: 'abc' });
    const event = keys.event('abc', '2026-03-01T00:00:00.000Z', '0a1b');
    expect(parseKey(event)).toEqual({ kind: 'event', shareId: 'abc', sk: 'EVENT#2026-03-01T00:00:00.000Z#0a1b' });
    expect(parseKey(keys.attempts('abc', 'client'))).toEqual({ kind: 'other' });
    expect(parseKey(keys.linkAttempts('abc'))).toEqual({ kind: 'other' });
    expect(parseKey(keys.shareOutbox('abc', 'locked#1'))).toEqual({ kind: 'outbox', pk: 'SHARE#abc', sk: 'OUTBOX#locked#1' });
    expect(parseKey(keys.userOutbox('u1', 'sender-code#x'))).toEqual({ kind: 'outbox', pk: 'USER#u1', sk: 'OUTBOX#sender-code#x' });
    expect(parseKey(keys.senderProof('u1', 'A@Example.com'))).toEqual({ kind: 'other' });
    expect(keys.senderProof('u1', 'A@Example.com').sk).toBe('SENDER#a@example.com');
    expect(parseKey(keys.tenantSettings())).toEqual({ kind: 'other' });
    expect(parseKey({ pk: 1, sk: null })).toEqual({ kind: 'other' });
  });
});

describe('stream filters', () => {
  it('give the notify function new shares, new download events and new outbox items, nothing else', () => {
    const matches = (eventName: string, newImage: Record<string, unknown>) =>
      matchesStreamFilters(notifyConsumer.filters, { eventName, newImage });
    expect(matches('INSERT', { sk: 'META' })).toBe(true);
    expect(matches('INSERT', { sk: 'EVENT#2026#x', kind: 'download' })).toBe(true);
    expect(matches('INSERT', { sk: 'EVENT#2026#x', kind: 'unlock' })).toBe(false);
    expect(matches('MODIFY', { sk: 'META' })).toBe(false);
    expect(matches('INSERT', { sk: 'NOTIFY#sent#x' })).toBe(false);
    expect(matches('INSERT', { sk: 'OUTBOX#locked#1', kind: 'link-locked' })).toBe(true);
    expect(matches('MODIFY', { sk: 'OUTBOX#locked#1', kind: 'link-locked' })).toBe(false);
    expect(matches('INSERT', { sk: 'SENDER#a@example.com' })).toBe(false);
    expect(matches('INSERT', { sk: 'LINKATTEMPTS' })).toBe(false);
  });
});

describe('configuration', () => {
  it('names a missing variable when it is first needed, not before', () => {
    const config = readConfig({ [ENV.tableName]: 't' });
    expect(config.tableName).toBe('t');
    expect(() => config.filesBucket).toThrow(`Missing environment variable ${ENV.filesBucket}`);
    expect(config.originVerifySecretId).toBeUndefined();
  });

  it('reads the signing key from Secrets Manager when deployed, from a file locally', () => {
    expect(readConfig({ [ENV.signingKeySecretId]: 'arn:secret' }).signingKeySource).toEqual({ secretId: 'arn:secret' });
    expect(readConfig({ [ENV.signingKeyFile]: '/tmp/key' }).signingKeySource).toEqual({ file: '/tmp/key' });
    expect(() => readConfig({}).signingKeySource).toThrow(ENV.signingKeySecretId);
  });

  it('takes the upload limit from MAX_UPLOAD_BYTES (5 GiB when unset) and refuses nonsense', () => {
    expect(readConfig({}).maxUploadBytes).toBe(5 * 1024 ** 3);
    expect(readConfig({ [ENV.maxUploadBytes]: '1048576' }).maxUploadBytes).toBe(1_048_576);
    expect(() => readConfig({ [ENV.maxUploadBytes]: 'lots' }).maxUploadBytes).toThrow(ENV.maxUploadBytes);
  });

  it('reads which senders the deployment allows, and refuses a missing or unknown value when it is needed', () => {
    expect(readConfig({ [ENV.senderIdentity]: 'local' }).senderIdentity).toEqual({ mode: 'local' });
    expect(readConfig({ [ENV.senderIdentity]: 'off' }).senderIdentity).toEqual({ mode: 'off' });
    expect(readConfig({ [ENV.senderIdentity]: 'domain:Acme.example' }).senderIdentity).toEqual({ mode: 'domain', domain: 'acme.example' });
    expect(readConfig({ [ENV.senderIdentity]: 'address:ops@acme.example' }).senderIdentity).toEqual({
      mode: 'address',
      address: 'ops@acme.example',
    });
    // No identity is not "any sender": the local runtime says `local` outright.
    expect(() => readConfig({}).senderIdentity).toThrow(`Missing environment variable ${ENV.senderIdentity}`);
    expect(() => readConfig({ [ENV.senderIdentity]: 'anything' }).senderIdentity).toThrow(ENV.senderIdentity);
  });

  it('gives a function only the variables its needs call for', () => {
    const none = { table: false, files: false, upload: false, signingKey: false, originSecret: false, email: false, senderIdentity: false };
    expect(environmentKeysFor(none)).toEqual(['serviceName', 'publicBaseUrl']);
    expect(environmentKeysFor({ ...none, files: true, upload: true })).toEqual([
      'serviceName',
      'publicBaseUrl',
      'filesBucket',
      'maxUploadBytes',
    ]);
    expect(environmentKeysFor({ ...none, senderIdentity: true })).toEqual(['serviceName', 'publicBaseUrl', 'senderIdentity']);
  });
});
