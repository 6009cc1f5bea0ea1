import { Duration, RemovalPolicy } from 'aws-cdk-lib';
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

export function createLogBuckets(scope: Construct): LogBuckets {
  const lifecycleRules = [{ id: 'expire-logs', expiration: Duration.days(365) }];
  // The end of the logging chain (logging it would need yet another bucket); cdk-nag S1 accepts a log destination.
  const serverAccess = new s3.Bucket(scope, 'AccessLogsBucket', { ...secureDefaults, lifecycleRules });
  const cloudFront = new s3.Bucket(scope, 'CdnLogsBucket', {
    ...secureDefaults,
    lifecycleRules,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
    serverAccessLogsBucket: serverAccess,
    serverAccessLogsPrefix: 'CdnLogsBucket/',
  });
  return { serverAccess, cloudFront };
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
