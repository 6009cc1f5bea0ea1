import { ADMIN_GROUP } from '../contract/identity.js';

/** The signed-in user, as the Cognito JWT authorizer (or the local runtime) vouches for. */
export interface Caller {
  userId: string;
  email: string;
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
  const email = typeof claims?.email === 'string' ? claims.email : '';
  return { userId: sub, email, isAdmin: groupsOf(claims?.['cognito:groups']).includes(ADMIN_GROUP) };
}
