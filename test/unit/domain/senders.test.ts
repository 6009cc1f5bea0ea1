import { describe, expect, it } from 'vitest';
import {
  LOCAL_SERVICE_SENDER,
  describeIdentity,
  formatSenderIdentity,
  parseSenderIdentity,
  senderProblem,
  serviceSender,
  type SenderIdentity,
} from '../../../functions/lib/domain/senders.js';

describe("the deployment's sender identity", () => {
  it.each<[string, SenderIdentity]>([
    ['local', { mode: 'local' }],
    ['off', { mode: 'off' }],
    ['address:ops@acme.example', { mode: 'address', address: 'ops@acme.example' }],
    ['domain:acme.example', { mode: 'domain', domain: 'acme.example' }],
  ])('reads %j and writes it back the same', (raw, identity) => {
    expect(parseSenderIdentity(raw)).toEqual(identity);
    expect(formatSenderIdentity(identity)).toBe(raw);
  });

  it.each(['', 'LOCAL', 'any', 'address:', 'address:not-an-address', 'domain:', 'domain:localhost', 'domain:a b.example'])(
    'refuses %j',
    (raw) => expect(parseSenderIdentity(raw)).toBeUndefined(),
  );

  it('allows any address locally', () => {
    expect(senderProblem({ mode: 'local' }, 'anyone@anywhere.example')).toBeUndefined();
  });

  it('allows only the verified address in address mode, in any case', () => {
    const identity: SenderIdentity = { mode: 'address', address: 'ops@acme.example' };
    expect(senderProblem(identity, 'OPS@acme.example')).toBeUndefined();
    expect(senderProblem(identity, 'ceo@acme.example')).toBe('Email can only come from ops@acme.example in this deployment.');
  });

  it('allows the domain and its subdomains in domain mode, and nothing that only ends like it', () => {
    const identity: SenderIdentity = { mode: 'domain', domain: 'acme.example' };
    expect(senderProblem(identity, 'files@acme.example')).toBeUndefined();
    expect(senderProblem(identity, 'files@mail.acme.example')).toBeUndefined();
    expect(senderProblem(identity, 'files@evilacme.example')).toMatch(/only come from addresses at acme.example/);
    expect(senderProblem(identity, 'files@acme.example.evil.example')).toBeDefined();
  });

  it('allows nothing when email is off, and says why', () => {
    expect(senderProblem({ mode: 'off' }, 'ops@acme.example')).toMatch(/sends no email .*-c senderAddress or -c senderDomain/);
    expect(describeIdentity({ mode: 'off' })).toBe('no address: this deployment sends no email');
  });

  it("sends the service's own emails from the system sender, else from the identity", () => {
    expect(serviceSender({ mode: 'domain', domain: 'acme.example' }, 'it@acme.example')).toBe('it@acme.example');
    expect(serviceSender({ mode: 'domain', domain: 'acme.example' }, null)).toBe('no-reply@acme.example');
    expect(serviceSender({ mode: 'address', address: 'ops@acme.example' }, null)).toBe('ops@acme.example');
    // A system sender outside the identity (it changed since) is not used.
    expect(serviceSender({ mode: 'address', address: 'ops@acme.example' }, 'it@elsewhere.example')).toBe('ops@acme.example');
    expect(serviceSender({ mode: 'local' }, null)).toBe(LOCAL_SERVICE_SENDER);
    expect(serviceSender({ mode: 'off' }, 'it@acme.example')).toBeNull();
  });
});
