import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FILES_PREFIX, PREVIEWS_PREFIX } from '../functions/lib/contract/storage.js';
import { tableSchema } from '../functions/lib/contract/table.js';
import type { GroupAccess, TableAction } from '../functions/routes.js';
import { acknowledgeWildcardResource } from './nag.js';

/**
 * The exact IAM actions behind each access level of functions/routes.ts. Listed here
 * instead of CDK's grant helpers so a reviewer sees every action a handler can perform;
 * a function's role is the union of its routes' access (`groupAccess`), and nothing else.
 */
export const tableAction = (action: TableAction) => `dynamodb:${action}`;

/** Object actions, on `users/*` only (owners' prefixes are enforced in code). */
export const fileObjectActions = {
  read: ['s3:GetObject'],
  // PutObject covers presigned PUT, UploadPart and CompleteMultipartUpload; GetObject lets HEAD see what exists.
  upload: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
  // DeleteObjects (batches) is authorised as s3:DeleteObject per key.
  delete: ['s3:GetObject', 's3:DeleteObject'],
} as const;

/** Rendered previews, on `previews/*` only: looking one up and presigning it (HEAD is GetObject), or storing one. */
export const previewObjectActions = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject'],
} as const;

/** Invoking the preview renderer, and no other Lambda action. */
export const invokeRendererActions = ['lambda:InvokeFunction'] as const;

export const secretActions = ['secretsmanager:GetSecretValue'] as const;

/** The notify function's one SES action (SES v1 SendEmail, as functions/lib/adapters/mailer.ts calls it). */
export const sendEmailActions = ['ses:SendEmail'] as const;

/** Listing is confined to owners' files: `s3:prefix` must lie under `users/`. */
export const listPrefixCondition = { StringLike: { 's3:prefix': [`${FILES_PREFIX}*`] } };

export interface AccessResources {
  table: ITableV2;
  filesBucket: IBucket;
  signingKey: ISecret;
  originVerify?: ISecret;
  /** The preview renderer function, for functions with `renderer` access. */
  renderer?: IFunction;
}

/** Grants a function's role exactly the union of its routes' access, and nothing else. */
export function grantFunctionAccess(role: iam.IRole & iam.IGrantable, access: GroupAccess, resources: AccessResources): void {
  const { table, filesBucket, signingKey } = resources;
  if (access.table.length > 0) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [...access.table].sort().map(tableAction),
        // The table and its one index by name: no wildcard on index/*.
        resources: [table.tableArn, `${table.tableArn}/index/${tableSchema.ownerIndex.name}`],
      }),
    );
  }
  if (access.files.length > 0) {
    // Listing serves folder browsing; HEAD of a missing key answers 403 without it (the store reads that as missing).
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [filesBucket.bucketArn], conditions: listPrefixCondition }),
    );
    const objectActions = [...new Set(access.files.flatMap((level) => fileObjectActions[level]))].sort();
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: objectActions, resources: [filesBucket.arnForObjects(`${FILES_PREFIX}*`)] }),
    );
    acknowledgeWildcardResource(
      role,
      filesBucket.arnForObjects(`${FILES_PREFIX}*`),
      `Users' files are created at run time under ${FILES_PREFIX}<sub>/; the handlers confine every key to the caller's prefix (or to the keys a share names, or below a file request's folder), so the grant cannot be narrower than the prefix.`,
    );
  }
  const previews = access.previews ?? [];
  if (previews.length > 0) {
    const objectActions = [...new Set(previews.flatMap((level) => previewObjectActions[level]))].sort();
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: objectActions, resources: [filesBucket.arnForObjects(`${PREVIEWS_PREFIX}*`)] }),
    );
    acknowledgeWildcardResource(
      role,
      filesBucket.arnForObjects(`${PREVIEWS_PREFIX}*`),
      `Renders are created at run time under ${PREVIEWS_PREFIX}<share>/<hash>.webp (never originals); the code names each key, so the grant cannot be narrower than the prefix.`,
    );
  }
  if (access.renderer) {
    if (!resources.renderer) throw new Error('A function with renderer access needs the renderer function');
    // The function's own ARN only (no alias or version wildcard): invoke it and nothing else.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...invokeRendererActions], resources: [resources.renderer.functionArn] }),
    );
  }
  if (access.signingKey) {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...secretActions], resources: [signingKey.secretArn] }));
  }
  if (access.originSecret) {
    if (!resources.originVerify) throw new Error('A function with public routes needs the origin-verify secret');
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...secretActions], resources: [resources.originVerify.secretArn] }));
  }
}

export interface SendEmailScope {
  /** The SES identities the function may send from (ARNs, never a wildcard). */
  identityArns: string[];
  /** The configuration set every email names (SES authorizes it as a resource too). */
  configurationSetArn: string;
  /** Patterns the From address must match (`ses:FromAddress`): every grant pins them. */
  fromAddresses: string[];
}

/** Grants ses:SendEmail on exactly the given identities and configuration set, from the given addresses only. */
export function grantSendEmail(role: iam.IRole & iam.IGrantable, scope: SendEmailScope): void {
  if (scope.fromAddresses.length === 0) throw new Error('An SES grant must pin the From address (ses:FromAddress)');
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [...sendEmailActions],
      resources: [...scope.identityArns, scope.configurationSetArn],
      conditions: { StringLike: { 'ses:FromAddress': scope.fromAddresses } },
    }),
  );
}
