import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { tableSchema } from '../functions/lib/contract/table.js';
import { acknowledge } from './nag.js';

/** Length of the generated HMAC key for recipient access tokens. */
export const signingKeyLength = 64;

/**
 * The tenant's records: the single table (shares, events, attempt counters, settings; key
 * schema from functions/lib/table.ts) and the HMAC key that signs recipient access tokens.
 */
export class Data extends Construct {
  readonly table: dynamodb.TableV2;
  readonly signingKey: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: { name: tableSchema.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      globalSecondaryIndexes: [
        {
          indexName: tableSchema.ownerIndex.name,
          partitionKey: { name: tableSchema.ownerIndex.partitionKey, type: dynamodb.AttributeType.STRING },
          sortKey: { name: tableSchema.ownerIndex.sortKey, type: dynamodb.AttributeType.STRING },
        },
      ],
      // Only housekeeping: expiry is enforced in code on every read.
      timeToLiveAttribute: tableSchema.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The notify Lambda reads share creations and downloads from the stream.
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.signingKey = new secretsmanager.Secret(this, 'SigningKey', {
      description: 'HMAC key that signs ShareLink recipient access tokens (at most 1 hour valid).',
      // A plain string (no JSON template): handlers use the SecretString as the key.
      generateSecretString: { passwordLength: signingKeyLength, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    acknowledge(
      this.signingKey,
      'AwsSolutions-SMG4',
      'No automatic rotation: rotating the key only invalidates recipient access tokens (at most 1 hour old; recipients re-enter the password). An operator rotates by hand whenever needed by putting a new random value (aws secretsmanager put-secret-value).',
    );
  }
}
