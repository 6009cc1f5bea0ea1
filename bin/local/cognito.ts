/**
 * cognito-local in a child process, and the user pool the app signs in to: usernames
 * are emails, an app client allowing USER_PASSWORD_AUTH, the `admins` group and the two
 * demo accounts with permanent passwords.
 */
import { fork } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_GROUP } from '../../functions/lib/contract/identity.js';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListGroupsCommand,
  ResourceNotFoundException,
  UsernameExistsException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { DETACHED, manageChild, tsxImportArgs, untilReady, waitFor, type ManagedChild } from './children.js';
import { CLAIMS_TRIGGER } from './cognito-claims.js';
import type { CognitoEvent } from './cognito-log.js';
import { LOCAL_HOST, freePort } from './ports.js';

export { ADMIN_GROUP };

export interface CognitoLocal {
  endpoint: string;
  child: ManagedChild;
}

export async function startCognito(options: {
  dir: string;
  port: number;
  /** No line per refused sign-in (failures are still printed). */
  quiet?: boolean;
}): Promise<CognitoLocal> {
  const endpoint = `http://${LOCAL_HOST}:${options.port}`;
  await mkdir(path.join(options.dir, '.cognito'), { recursive: true });
  const claimsPort = await freePort();
  // Rewritten every start: the ports (and so the token issuer) may differ from last time.
  await writeFile(
    path.join(options.dir, '.cognito', 'config.json'),
    JSON.stringify(
      {
        ServerConfig: { port: options.port, hostname: LOCAL_HOST },
        TokenConfig: { IssuerDomain: endpoint },
        UserPoolDefaults: { UsernameAttributes: ['email'] },
        // The claims real Cognito puts in IdTokens (name, the real email_verified): cognito-claims.ts.
        TriggerFunctions: { PreTokenGeneration: CLAIMS_TRIGGER },
        LambdaClient: {
          endpoint: `http://${LOCAL_HOST}:${claimsPort}`,
          region: 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        },
      },
      null,
      2,
    ),
  );
  const script = fileURLToPath(new URL('./cognito-process.ts', import.meta.url));
  const child = manageChild(
    'cognito-local',
    fork(script, [], {
      ...DETACHED,
      cwd: options.dir,
      execArgv: tsxImportArgs(),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // cognito-local still loads the AWS SDK v2, which prints an end-of-support notice on every start.
      env: { ...process.env, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1', COGNITO_CLAIMS_PORT: String(claimsPort) },
    }),
  );
  child.process.on('message', (event: CognitoEvent) => {
    if (event.kind === 'error') console.error(`[local] ${event.line}`);
    else if (!options.quiet) console.log(`[local] ${event.line}`);
  });
  try {
    await untilReady(
      child,
      waitFor('cognito-local', async () => {
        const response = await fetch(`${endpoint}/health`);
        if (!response.ok) throw new Error(`health check answered ${response.status}`);
      }),
    );
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { endpoint, child };
}

export interface UserPoolIds {
  userPoolId: string;
  userPoolClientId: string;
}

export interface DemoAccount {
  email: string;
  /** Cognito `name`: what recipients see as the sharer. */
  name: string;
  password: string;
  groups: string[];
}

async function ensureUserPool(client: CognitoIdentityProviderClient, known: Partial<UserPoolIds>): Promise<UserPoolIds> {
  if (known.userPoolId && known.userPoolClientId) {
    try {
      await client.send(new DescribeUserPoolCommand({ UserPoolId: known.userPoolId }));
      await client.send(new DescribeUserPoolClientCommand({ UserPoolId: known.userPoolId, ClientId: known.userPoolClientId }));
      return { userPoolId: known.userPoolId, userPoolClientId: known.userPoolClientId };
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  }
  const { UserPool } = await client.send(
    new CreateUserPoolCommand({
      PoolName: 'sharelink-local',
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      Policies: {
        PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true },
      },
    }),
  );
  const userPoolId = UserPool?.Id;
  if (!userPoolId) throw new Error('cognito-local created a user pool without an id');
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: 'sharelink-web',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      GenerateSecret: false,
    }),
  );
  const userPoolClientId = UserPoolClient?.ClientId;
  if (!userPoolClientId) throw new Error('cognito-local created an app client without an id');
  return { userPoolId, userPoolClientId };
}

async function ensureGroup(client: CognitoIdentityProviderClient, userPoolId: string, group: string): Promise<void> {
  // ListGroups rather than GetGroup: cognito-local's GetGroup fails with a 500 before the first group exists.
  const { Groups } = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId }));
  if (Groups?.some((existing) => existing.GroupName === group)) return;
  await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
}

async function ensureAccount(client: CognitoIdentityProviderClient, userPoolId: string, account: DemoAccount): Promise<void> {
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: account.email,
        UserAttributes: [
          { Name: 'email', Value: account.email },
          { Name: 'email_verified', Value: 'true' },
          { Name: 'name', Value: account.name },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
    // Accounts made before they had names get theirs.
    await client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: userPoolId,
        Username: account.email,
        UserAttributes: [{ Name: 'name', Value: account.name }],
      }),
    );
  }
  // Set on every start, so a changed SHARELINK_DEMO_PASSWORD takes effect.
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: account.email,
      Password: account.password,
      Permanent: true,
    }),
  );
  for (const group of account.groups) {
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: account.email, GroupName: group }));
  }
}

/** Idempotent: reuses the pool and client remembered in the state file while they exist. */
export async function provisionUserPool(
  client: CognitoIdentityProviderClient,
  known: Partial<UserPoolIds>,
  accounts: DemoAccount[],
): Promise<UserPoolIds> {
  const ids = await ensureUserPool(client, known);
  await ensureGroup(client, ids.userPoolId, ADMIN_GROUP);
  for (const account of accounts) await ensureAccount(client, ids.userPoolId, account);
  return ids;
}
