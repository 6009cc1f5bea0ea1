import { describe, expect, it } from 'vitest';
import { claimsFor } from '../../../bin/local/cognito-claims.js';

/** The claims the local runtime adds to cognito-local's IdTokens, as real Cognito has them. */
describe('local IdToken claims', () => {
  it('carry the name and the real email_verified', () => {
    expect(claimsFor({ email: 'a@example.com', email_verified: 'true', name: 'Dana Demo' })).toEqual({
      email_verified: 'true',
      name: 'Dana Demo',
    });
  });

  it('say "false" for an unverified address (cognito-local alone writes Boolean("false"), which is true)', () => {
    expect(claimsFor({ email: 'a@example.com', email_verified: 'false' })).toEqual({ email_verified: 'false' });
    expect(claimsFor({ email: 'a@example.com' })).toEqual({ email_verified: 'false' });
  });
});
