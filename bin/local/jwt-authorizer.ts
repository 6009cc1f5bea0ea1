/**
 * What API Gateway's JWT authorizer does for the Cognito user pool: take the token from
 * the Authorization header (with or without "Bearer "), check signature (JWKS), issuer,
 * expiry and audience (`aud`, or `client_id` for access tokens), and hand the claims to
 * the Lambda. cognito-local's discovery document always names port 9229, so the JWKS URL
 * is given explicitly.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export type JwtClaims = Record<string, string | number | boolean | string[]>;

export interface JwtAuthorization {
  claims: JwtClaims;
  scopes: string[] | null;
}

export function createJwtAuthorizer(options: { issuer: string; jwksUrl: string; audience: string }) {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl));

  /** API Gateway passes scalar claims as strings; arrays stay arrays here (the handlers accept both forms). */
  function toClaims(payload: JWTPayload): JwtClaims {
    const claims: JwtClaims = {};
    for (const [name, value] of Object.entries(payload)) {
      if (Array.isArray(value)) claims[name] = value.map(String);
      else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') claims[name] = String(value);
    }
    return claims;
  }

  /** The verified claims, or undefined when API Gateway would answer 401. */
  return async function authorize(authorization: string | undefined): Promise<JwtAuthorization | undefined> {
    const token = authorization?.replace(/^Bearer\s+/i, '').trim();
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, jwks, { issuer: options.issuer, requiredClaims: ['exp'] });
      const audience = payload.aud ?? payload.client_id;
      const audiences = Array.isArray(audience) ? audience : [audience];
      if (!audiences.includes(options.audience)) return undefined;
      const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : null;
      return { claims: toClaims(payload), scopes: scope };
    } catch {
      return undefined;
    }
  };
}
