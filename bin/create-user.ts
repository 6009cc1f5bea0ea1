/**
 * Creates a user of a deployed tenant (self sign-up is off), optionally an administrator:
 *
 *   npm run create-user -- --tenant acme --email alice@example.com --name "Alice Smith" --admin [--region eu-west-1]
 *
 * --name is what recipients see as the sharer (Cognito's `name`, which users cannot change
 * themselves); without it they see the verified address. Given for an existing user, it
 * sets that user's name.
 * Cognito emails an invitation with a temporary password; at first sign-in the web app asks
 * the user to choose their own. With --print-password the invitation is not sent and the
 * temporary password is printed instead (hand it over yourself). --user-pool-id skips the
 * stack lookup; --endpoint points at another Cognito endpoint (the local runtime's).
 */
import { parseArgs } from 'node:util';
import { randomInt } from 'node:crypto';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN_GROUP } from '../functions/lib/contract/identity.js';
import { nameProblem } from '../functions/lib/domain/names.js';
import { readTenantConfig, stackNameFor } from '../infra/config.js';

const usage =
  'Usage: npm run create-user -- --tenant <name> --email <address> [--name "<display name>"] [--admin] [--print-password] [--region <region>] [--user-pool-id <id>] [--endpoint <url>]';

/** A display name recipients will read: one line, at most 200 characters, no invisible characters. */
export function displayNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'must not be empty';
  if (trimmed.length > 200) return 'must be at most 200 characters';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(trimmed)) return 'must be one line without control characters';
  return nameProblem(trimmed);
}

/** Meets Cognito's default policy: upper, lower, digit, symbol, 12+ characters. */
function temporaryPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!#%+-=?@'];
  const all = sets.join('');
  const chars = sets.map((set) => set[randomInt(set.length)]!);
  while (chars.length < 16) chars.push(all[randomInt(all.length)]!);
  return chars.sort(() => randomInt(3) - 1).join('');
}

async function userPoolIdOf(tenant: string, region: string | undefined): Promise<string> {
  const cloudFormation = new CloudFormationClient(region ? { region } : {});
  const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackNameFor(tenant) }));
  const id = Stacks?.[0]?.Outputs?.find((output) => output.OutputKey === 'UserPoolId')?.OutputValue;
  if (!id) throw new Error(`Stack ${stackNameFor(tenant)} has no UserPoolId output: is it deployed in this region?`);
  return id;
}

export async function createUser(options: {
  userPoolId: string;
  email: string;
  /** Cognito `name`: the sharer's name recipients see. */
  name?: string | undefined;
  admin: boolean;
  printPassword: boolean;
  region?: string | undefined;
  endpoint?: string | undefined;
}): Promise<{ temporaryPassword?: string }> {
  const cognito = new CognitoIdentityProviderClient({
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  });
  const password = options.printPassword ? temporaryPassword() : undefined;
  const name = options.name?.trim();
  if (options.name !== undefined) {
    const problem = displayNameProblem(options.name);
    if (problem) throw new Error(`--name ${problem}.`);
  }
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: options.userPoolId,
        Username: options.email,
        UserAttributes: [
          { Name: 'email', Value: options.email },
          { Name: 'email_verified', Value: 'true' },
          ...(name ? [{ Name: 'name', Value: name }] : []),
        ],
        ...(password ? { TemporaryPassword: password, MessageAction: 'SUPPRESS' } : { DesiredDeliveryMediums: ['EMAIL'] }),
      }),
    );
  } catch (error) {
    if (!(error instanceof UsernameExistsException || (error as Error).name === 'UsernameExistsException')) throw error;
    if (!options.admin && !name) throw new Error(`${options.email} already exists.`, { cause: error });
    if (name) {
      await cognito.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: options.userPoolId,
          Username: options.email,
          UserAttributes: [{ Name: 'name', Value: name }],
        }),
      );
      console.log(`${options.email} already exists; its name is now "${name}".`);
    }
    if (options.admin) console.log(`${options.email} already exists; making sure it is an administrator.`);
  }
  if (options.admin) {
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: options.userPoolId, Username: options.email, GroupName: ADMIN_GROUP }));
  }
  return password ? { temporaryPassword: password } : {};
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      admin: { type: 'boolean', default: false },
      'print-password': { type: 'boolean', default: false },
      region: { type: 'string' },
      'user-pool-id': { type: 'string' },
      endpoint: { type: 'string' },
    },
  });
  if (!values.email || (!values.tenant && !values['user-pool-id'])) throw new Error(usage);
  const userPoolId =
    values['user-pool-id'] ??
    (await userPoolIdOf(readTenantConfig((key) => (key === 'tenant' ? values.tenant : undefined)).tenant, values.region));
  const result = await createUser({
    userPoolId,
    email: values.email.trim().toLowerCase(),
    name: values.name,
    admin: values.admin,
    printPassword: values['print-password'],
    region: values.region,
    endpoint: values.endpoint,
  });
  console.log(`Created ${values.email}${values.admin ? ' (administrator)' : ''} in ${userPoolId}.`);
  console.log(
    result.temporaryPassword
      ? `Temporary password: ${result.temporaryPassword}\nThey choose their own password at first sign-in.`
      : 'Cognito emailed an invitation with a temporary password; they choose their own at first sign-in.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
