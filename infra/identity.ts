import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ADMIN_GROUP } from '../functions/lib/contract/identity.js';
import { acknowledge } from './nag.js';

/** The group whose members may call /api/admin/* (checked in the handlers from `cognito:groups`). */

export interface IdentityProps {
  tenant: string;
}

/**
 * The tenant's people: a Cognito user pool where only administrators create accounts,
 * people sign in with their email address, and the web app's client uses
 * USER_PASSWORD_AUTH (a plain fetch from the browser) or SRP. The API's JWT authorizer
 * accepts the client's IdTokens.
 */
export class Identity extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly adminsGroup: cognito.UserPoolGroup;
  /** The Cognito IdP endpoint the browser signs in against (`GET /config.json`). */
  readonly cognitoEndpoint: string;
  /** The `iss` of the pool's tokens, for the API Gateway JWT authorizer. */
  readonly issuerUrl: string;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `sharelink-${props.tenant}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      // A changed address takes effect only once its owner verified it: until then the token
      // keeps the old, verified one (the API shows recipients only verified claims).
      keepOriginal: { email: true },
      // `name`: the display name recipients see, set by an administrator (create-user --name).
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      // The accounts are the tenant's data: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'MFA is not required: the web app signs in with a single InitiateAuth (USER_PASSWORD_AUTH) and has no challenge UI yet; accounts are admin-created with a 12-character, 4-class password policy.',
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'The Plus feature plan (threat protection) is billed per monthly active user with no free tier; each tenant decides. Sign-up is disabled, passwords are strong, and Cognito throttles failed sign-ins on the Essentials plan too.',
    );

    this.adminsGroup = new cognito.UserPoolGroup(this, 'AdminsGroup', {
      userPool: this.userPool,
      groupName: ADMIN_GROUP,
      description: 'ShareLink administrators: tenant settings and policy.',
    });

    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: 'web',
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      // No hosted UI: the app signs in with InitiateAuth, so no OAuth flows or callback URLs.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      // Users may change their address (verified before use) but not their name: only an
      // administrator sets what recipients are told (AdminUpdateUserAttributes is not limited by this).
      readAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }),
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ email: true }),
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      authSessionValidity: Duration.minutes(3),
    });

    this.cognitoEndpoint = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/`;
    this.issuerUrl = `https://cognito-idp.${stack.region}.${stack.urlSuffix}/${this.userPool.userPoolId}`;
  }
}
