/**
 * What `npm start` reads and says, without starting anything: the Java version from
 * `java -version`, and cognito-local's refusals in one line each (bin/local/cognito-log.ts).
 */
import { describe, expect, it } from 'vitest';
import { describeRefusal, oneLine } from '../../../bin/local/cognito-log.js';
import { javaMajorVersion } from '../../../bin/local/java.js';

describe('javaMajorVersion', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['java version "1.8.0_292"\nJava(TM) SE Runtime Environment', 8],
    ['openjdk version "11.0.22" 2024-01-16', 11],
    ['Picked up JAVA_TOOL_OPTIONS: -Xmx1g\nopenjdk version "25-ea" 2025-09-16', 25],
  ])('reads %j as Java %i', (output, major) => {
    expect(javaMajorVersion(output)).toBe(major);
  });

  it('gives up on output it does not know', () => {
    expect(javaMajorVersion('bash: java: command not found')).toBeUndefined();
  });
});

describe('describeRefusal', () => {
  const signIn = { target: 'InitiateAuth', authFlow: 'USER_PASSWORD_AUTH', username: 'demo@example.com' };

  it('names the account and the reason of a refused sign-in', () => {
    expect(describeRefusal({ ...signIn, code: 'InvalidPasswordException', message: 'Invalid password' })).toBe(
      'sign-in refused for demo@example.com (wrong password)',
    );
    expect(describeRefusal({ ...signIn, code: 'NotAuthorizedException', message: 'User not authorized' })).toBe(
      'sign-in refused for demo@example.com (no such user)',
    );
    expect(describeRefusal({ ...signIn, code: 'SomethingNewException', message: 'Something new' })).toBe(
      'sign-in refused for demo@example.com (Something new (SomethingNewException))',
    );
  });

  it('keeps a typed username from forging log lines', () => {
    const line = describeRefusal({ ...signIn, username: 'x\n[local] ready\r\u0007', code: 'InvalidPasswordException', message: '' });
    expect(line).toBe('sign-in refused for x [local] ready (wrong password)');
    expect(oneLine('y'.repeat(500))).toHaveLength(201);
  });

  it('tells refused session refreshes and other calls apart', () => {
    expect(
      describeRefusal({
        target: 'InitiateAuth',
        authFlow: 'REFRESH_TOKEN_AUTH',
        username: undefined,
        code: 'NotAuthorizedException',
        message: 'Invalid refresh token',
      }),
    ).toBe('session refresh refused: Invalid refresh token (NotAuthorizedException)');
    expect(
      describeRefusal({
        target: 'ChangePassword',
        authFlow: undefined,
        username: undefined,
        code: 'InvalidPasswordException',
        message: 'Invalid password',
      }),
    ).toBe('cognito-local refused ChangePassword: Invalid password (InvalidPasswordException)');
  });
});
