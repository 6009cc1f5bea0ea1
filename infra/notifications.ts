import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SERVICE_NAME } from '../functions/lib/contract/environment.js';
import { consumerEnvironmentNeeds, notifyConsumer, type StreamFilter } from '../functions/lib/contract/streams.js';
import { grantFunctionAccess, grantSendEmail, type AccessResources } from './access.js';
import { alarmDefaults, notifyOperator } from './alarms.js';
import { environmentFor } from './environment.js';
import { acknowledge } from './nag.js';
import { ShareLinkFunction } from './sharelink-function.js';

export interface NotificationsProps {
  /** functions/notify.ts. */
  entry: string;
  /** The table (with its stream), the signing key (it opens passwords sealed for emails) and the files bucket. */
  resources: AccessResources & { table: ITableV2 };
  /** Origin of share links in emails. */
  publicBaseUrl: string;
  /** The SES identity from `-c senderDomain` / `-c senderAddress`; without one the stack sends no email... */
  senderIdentity?: ses.EmailIdentity;
  /** ...and what it verifies, to pin the From address. */
  sender?: { domain?: string; address?: string };
  /** `SENDER_IDENTITY` for the functions (`functions/lib/domain/senders.ts`). */
  senderIdentityValue: string;
  /** Where the alarms notify, from `-c alarmTopicArn=`. */
  alarmTopicArn?: string;
}

/** A stream filter of the contract as an event source mapping's filter criteria. */
function filterCriteria(filter: StreamFilter): Record<string, unknown> {
  // FilterRule's helpers are typed `any` (they build JSON patterns); these hold those patterns.
  const sk: unknown =
    filter.skEquals !== undefined
      ? lambda.FilterRule.isEqual(filter.skEquals)
      : filter.skBeginsWith !== undefined
        ? lambda.FilterRule.beginsWith(filter.skBeginsWith)
        : undefined;
  const eventName: unknown = lambda.FilterRule.isEqual(filter.eventName);
  const kind: unknown = filter.kind !== undefined ? lambda.FilterRule.isEqual(filter.kind) : undefined;
  return lambda.FilterCriteria.filter({
    eventName,
    dynamodb: {
      NewImage: {
        ...(sk ? { sk: { S: sk } } : {}),
        ...(kind !== undefined ? { kind: { S: kind } } : {}),
      },
    },
  });
}

/** Records per invocation: a share record may mean up to 50 partner emails. */
export const STREAM_BATCH_SIZE = 10;
export const STREAM_RETRY_ATTEMPTS = 10;

/**
 * Email notifications: the notify function reads the table stream (only new
 * shares and new download events reach it), sends through SES with a configuration set, and
 * reports partial batch failures; a record that still fails after the retries goes to an
 * encrypted dead-letter queue, and an alarm fires as soon as one is there.
 */
export class Notifications extends Construct {
  readonly handler: ShareLinkFunction;
  readonly deadLetterQueue: sqs.Queue;
  readonly configurationSet: ses.ConfigurationSet;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { table, signingKey } = props.resources;
    const { access } = notifyConsumer;

    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      "This queue is itself the dead-letter destination of the notify function's stream event source mapping (cdk-nag only recognises queues named as another queue's DLQ); nothing consumes it but an operator.",
    );

    this.handler = new ShareLinkFunction(this, 'Function', {
      entry: props.entry,
      description: 'Sends partner emails and download alerts from the table stream (SES)',
      memorySize: 256,
      // A batch can hold several shares with up to 50 recipients each, sent one by one within SES's rate.
      timeout: Duration.minutes(2),
      // Only what the notify function reads: no files bucket, no origin secret.
      environment: environmentFor(consumerEnvironmentNeeds(notifyConsumer), {
        serviceName: SERVICE_NAME,
        tableName: table.tableName,
        signingKeySecretId: signingKey.secretArn,
        publicBaseUrl: props.publicBaseUrl,
        sesConfigurationSet: this.configurationSet.configurationSetName,
        senderIdentity: props.senderIdentityValue,
      }),
    });
    const role = this.handler.role;
    grantFunctionAccess(
      role,
      { table: access.table, files: [], signingKey: access.signingKey, originSecret: false, sender: access.email },
      props.resources,
    );

    const configurationSetArn = stack.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    // Without -c senderAddress / -c senderDomain the stack sends no email: no SES grant at all, and
    // the functions (SENDER_IDENTITY=off) refuse to take email requests instead of failing later.
    const { domain, address } = props.sender ?? {};
    if (props.senderIdentity && (domain || address)) {
      grantSendEmail(role, {
        identityArns: [props.senderIdentity.emailIdentityArn],
        configurationSetArn,
        // A domain identity also covers its subdomains; an address identity only itself.
        fromAddresses: domain ? [`*@${domain}`, `*@*.${domain}`] : [address!],
      });
    }

    this.handler.function.addEventSource(
      new DynamoEventSource(table, {
        // A new stack starts with an empty stream; on an upgrade, shares of the last 24 hours get their emails.
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: STREAM_BATCH_SIZE,
        bisectBatchOnError: true,
        retryAttempts: STREAM_RETRY_ATTEMPTS,
        maxRecordAge: Duration.hours(12),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetterQueue),
        // The contract's filters (new shares, new download events); the function checks again.
        filters: notifyConsumer.filters.map(filterCriteria),
      }),
    );

    const period = Duration.minutes(5);
    this.alarms = [
      new cloudwatch.Alarm(this, 'DeadLetters', {
        alarmDescription:
          'Notification records failed every retry and are in the dead-letter queue: emails were not sent. See the notify function logs.',
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: 1,
        ...alarmDefaults,
      }),
      new cloudwatch.Alarm(this, 'StreamBehind', {
        alarmDescription:
          'The notify function is more than 15 minutes behind the table stream (retrying a failing record?): emails are late.',
        metric: this.handler.function.metric('IteratorAge', { period, statistic: cloudwatch.Stats.MAXIMUM }),
        threshold: Duration.minutes(15).toMilliseconds(),
        ...alarmDefaults,
      }),
    ];
    notifyOperator(this, this.alarms, props.alarmTopicArn);

    new CfnOutput(stack, 'NotificationDeadLetterQueueUrl', {
      value: this.deadLetterQueue.queueUrl,
      description: 'Notification records that failed every retry (emails not sent); the alarm DeadLetters fires when one arrives.',
    });
  }
}
