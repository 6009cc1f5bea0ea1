import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Access } from '../functions/routes.js';
import { tableSchema } from '../functions/lib/table.js';
import { acknowledgeWildcardResource } from './nag.js';

/**
 * The exact IAM actions behind each access level of functions/routes.ts. Listed here
 * instead of CDK's grant helpers so a reviewer sees every action a handler can perform;
 * transactions need no extra actions (TransactWriteItems checks Put/Update/Delete/ConditionCheck).
 */
export const tableActions = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
} as const;

/** Object actions, on `users/*` only (owners' prefixes are enforced in code). */
export const fileObjectActions = {
  read: ['s3:GetObject'],
  // PutObject covers presigned PUT, UploadPart and CompleteMultipartUpload; GetObject lets HEAD see what exists.
  upload: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
  // DeleteObjects (batches) is authorised as s3:DeleteObject per key.
  delete: ['s3:GetObject', 's3:DeleteObject'],
} as const;

export const signingKeyActions = ['secretsmanager:GetSecretValue'] as const;

/** The notify function's one SES action (SES v1 SendEmail, as functions/lib/adapters/mailer.ts calls it). */
export const sendEmailActions = ['ses:SendEmail'] as const;

/** Where files live in the bucket: `users/<sub>/<path>`. */
export const filesPrefix = 'users/';

export interface AccessResources {
  table: ITableV2;
  filesBucket: IBucket;
  signingKey: ISecret;
}

/** Grants a function's role exactly what its route's `access` names, and nothing else. */
export function grantRouteAccess(role: iam.IRole & iam.IGrantable, access: Access, resources: AccessResources): void {
  const { table, filesBucket, signingKey } = resources;
  if (access.table) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...tableActions[access.table]],
        // The table and its one index by name: no wildcard on index/*.
        resources: [table.tableArn, `${table.tableArn}/index/${tableSchema.ownerIndex.name}`],
      }),
    );
  }
  if (access.files) {
    // Listing is needed for folder browsing, and lets HeadObject answer 404 instead of 403.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [filesBucket.bucketArn] }));
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...fileObjectActions[access.files]],
        resources: [filesBucket.arnForObjects(`${filesPrefix}*`)],
      }),
    );
    acknowledgeWildcardResource(
      role,
      filesBucket.arnForObjects(`${filesPrefix}*`),
      `Users' files are created at run time under ${filesPrefix}<sub>/; the handlers confine every key to the caller's prefix (or to the keys a share names), so the grant cannot be narrower than the prefix.`,
    );
  }
  if (access.signingKey) {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...signingKeyActions], resources: [signingKey.secretArn] }));
  }
}

export interface SendEmailScope {
  /** The SES identities the function may send from; ARNs (a wildcard only without a configured identity). */
  identityArns: string[];
  /** The configuration set every email names (SES authorizes it as a resource too). */
  configurationSetArn: string;
  /** Patterns the From address must match (`ses:FromAddress`), when they are known at deploy time. */
  fromAddresses?: string[];
}

/** Grants ses:SendEmail on exactly the given identities and configuration set. */
export function grantSendEmail(role: iam.IRole & iam.IGrantable, scope: SendEmailScope): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [...sendEmailActions],
      resources: [...scope.identityArns, scope.configurationSetArn],
      ...(scope.fromAddresses ? { conditions: { StringLike: { 'ses:FromAddress': scope.fromAddresses } } } : {}),
    }),
  );
}
