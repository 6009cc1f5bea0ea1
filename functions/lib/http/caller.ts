import { ADMIN_GROUP } from '../contract/identity.js';

/** The signed-in user, as the Cognito JWT authorizer (or the local runtime) vouches for. */
export interface Caller {
  userId: string;
  /**
   * The sign-in address, only when Cognito verified it (`email_verified`); '' otherwise. Users
   * cannot write their own attributes and the pool keeps the old address until a new one is
   * verified, so a verified address is one they receive mail at.
   */
  email: string;
  /** The display name an administrator set (`name`; users cannot change it), if any. */
  name: string | undefined;
  isAdmin: boolean;
}

type Claims = Record<string, string | number | boolean | string[]> | undefined;

/**
 * API Gateway's JWT authorizer passes array claims as a string such as `[admins other]`;
 * the local runtime passes the token's real array. Both are accepted.
 */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

export function callerFromClaims(claims: Claims): Caller | undefined {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || !sub) return undefined;
  // API Gateway passes every scalar claim as a string: "true"; the local runtime may pass a boolean.
  const verified = claims?.email_verified === true || claims?.email_verified === 'true';
  const email = verified && typeof claims?.email === 'string' ? claims.email : '';
  const name = typeof claims?.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 200) : undefined;
  return { userId: sub, email, name, isAdmin: groupsOf(claims?.['cognito:groups']).includes(ADMIN_GROUP) };
}
