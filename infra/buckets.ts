import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** The baseline every ShareLink bucket gets: private, encrypted, TLS only, kept on stack deletion. */
const secureDefaults = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.RETAIN,
} satisfies s3.BucketProps;

export interface LogBuckets {
  /** S3 server access logs of the other buckets (bucket-policy delivery, ACLs off). */
  serverAccess: s3.Bucket;
  /** CloudFront standard logs; CloudFront delivers them with an ACL, so ACLs stay on. */
  cloudFront: s3.Bucket;
}

function logBucket(scope: Construct, id: string, props: s3.BucketProps): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    ...secureDefaults,
    lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(365) }],
    ...props,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This bucket is the access-log destination; logging it into itself would log its own log writes forever.',
  });
  return bucket;
}

export function createLogBuckets(scope: Construct): LogBuckets {
  return {
    serverAccess: logBucket(scope, 'AccessLogsBucket', {}),
    cloudFront: logBucket(scope, 'CdnLogsBucket', { objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED }),
  };
}

/** A private bucket whose access is logged to `logs` under `<id>/`. */
export function secureBucket(scope: Construct, id: string, logs: s3.IBucket, props: s3.BucketProps = {}): s3.Bucket {
  return new s3.Bucket(scope, id, {
    ...secureDefaults,
    serverAccessLogsBucket: logs,
    serverAccessLogsPrefix: `${id}/`,
    ...props,
  });
}
