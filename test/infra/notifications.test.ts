/**
 * The notification pipeline of a tenant stack: the notify function on the table stream
 * (filtered, retried, partial batch failures, dead-letter queue with an alarm) and its
 * least-privilege SES grant, with and without a sender identity from context.
 */
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyConsumer } from '../../functions/lib/contract/streams.js';
import { secretActions, tableAction } from '../../infra/access.js';
import { STREAM_BATCH_SIZE, STREAM_RETRY_ATTEMPTS } from '../../infra/notifications.js';
import { onlyResource, render, resources, synthTenants, type Resource, type SynthResult } from './support.js';

const alarmTopicArn = 'arn:aws:sns:eu-central-1:123456789012:ops-alarms';
let synth: SynthResult;
let acme: Template;
let globex: Template;
let initech: Template;

beforeAll(() => {
  synth = synthTenants(
    [
      { tenant: 'acme' },
      { tenant: 'globex', senderDomain: 'mail.globex.example', alarmTopicArn },
      { tenant: 'initech', senderAddress: 'files@initech.example' },
    ],
    { bundle: false },
  );
  [acme, globex, initech] = synth.templates as [Template, Template, Template];
});
afterAll(() => synth?.cleanup());

const logicalIdOf = (template: Template, type: string) => onlyResource(template, type)[0];

function notifyFunction(template: Template): [string, Resource] {
  const matches = Object.entries(resources(template, 'AWS::Lambda::Function')).filter(([id]) => id.startsWith('NotificationsFunction'));
  expect(matches).toHaveLength(1);
  return matches[0]!;
}

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };

function statementsOf(template: Template): Statement[] {
  const roleId = notifyFunction(template)[1].Properties.Role['Fn::GetAtt'][0] as string;
  expect(resources(template)[roleId]!.Properties.ManagedPolicyArns ?? []).toEqual([]);
  return Object.values(resources(template, 'AWS::IAM::Policy'))
    .filter((policy) => policy.Properties.Roles.some((role: unknown) => render(role) === `\${${roleId}}`))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

const actionsIn = (statement: Statement) => [statement.Action].flat();
const sendEmailStatement = (template: Template) => {
  const found = statementsOf(template).filter((statement) => actionsIn(statement).includes('ses:SendEmail'));
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('the notify function', () => {
  it('runs with the shared function defaults and only the names notify.ts reads', () => {
    const [, fn] = notifyFunction(acme);
    expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
    const variables = fn.Properties.Environment.Variables;
    expect(Object.keys(variables).sort()).toEqual(
      [
        'POWERTOOLS_SERVICE_NAME',
        'PUBLIC_BASE_URL',
        'SENDER_IDENTITY',
        'SES_CONFIGURATION_SET',
        'SIGNING_KEY_SECRET_ID',
        'TABLE_NAME',
      ].sort(),
    );
    // Which addresses email may come from: off without an identity in context.
    expect(variables.SENDER_IDENTITY).toBe('off');
    expect(notifyFunction(globex)[1].Properties.Environment.Variables.SENDER_IDENTITY).toBe('domain:mail.globex.example');
    expect(notifyFunction(initech)[1].Properties.Environment.Variables.SENDER_IDENTITY).toBe('address:files@initech.example');
    expect(variables.TABLE_NAME).toEqual({ Ref: logicalIdOf(acme, 'AWS::DynamoDB::GlobalTable') });
    expect(variables.SES_CONFIGURATION_SET).toEqual({ Ref: logicalIdOf(acme, 'AWS::SES::ConfigurationSet') });
    expect(render(variables.PUBLIC_BASE_URL)).toBe(`https://\${${logicalIdOf(acme, 'AWS::CloudFront::Distribution')}.DomainName}`);
    // Sending a batch of up to 10 shares (50 recipients each) may take a while; Lambda allows 15 minutes.
    expect(fn.Properties.Timeout).toBeGreaterThanOrEqual(60);
    expect(fn.Properties.Timeout).toBeLessThanOrEqual(900);
  });

  it('reads the table stream: new shares, new downloads and idle file-request visits only, partial batch failures, bisect, bounded retries, then the DLQ', () => {
    const [, mapping] = onlyResource(acme, 'AWS::Lambda::EventSourceMapping');
    const table = logicalIdOf(acme, 'AWS::DynamoDB::GlobalTable');
    const queue = logicalIdOf(acme, 'AWS::SQS::Queue');
    expect(mapping.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [table, 'StreamArn'] },
      FunctionName: { Ref: notifyFunction(acme)[0] },
      BatchSize: STREAM_BATCH_SIZE,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: STREAM_RETRY_ATTEMPTS,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
    expect(STREAM_RETRY_ATTEMPTS).toBeGreaterThan(0);
    const patterns = (mapping.Properties.FilterCriteria.Filters as { Pattern: string }[]).map((filter) => JSON.parse(filter.Pattern));
    expect(patterns).toEqual([
      { eventName: ['INSERT'], dynamodb: { NewImage: { sk: { S: ['META'] } } } },
      { eventName: ['INSERT'], dynamodb: { NewImage: { sk: { S: [{ prefix: 'EVENT#' }] }, kind: { S: ['download'] } } } },
      { eventName: ['INSERT'], dynamodb: { NewImage: { sk: { S: [{ prefix: 'OUTBOX#' }] } } } },
      { eventName: ['MODIFY'], dynamodb: { NewImage: { sk: { S: [{ prefix: 'VISIT#' }] }, kind: { S: ['visit-idle'] } } } },
    ]);
  });

  it('keeps dead letters encrypted, over TLS only, for 14 days', () => {
    const [queueId, queue] = onlyResource(acme, 'AWS::SQS::Queue');
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const [, policy] = onlyResource(acme, 'AWS::SQS::QueuePolicy');
    expect(policy.Properties.Queues).toEqual([{ Ref: queueId }]);
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('raises an alarm as soon as one record is in the dead-letter queue, and when the stream falls behind', () => {
    const queueName = `\${${logicalIdOf(acme, 'AWS::SQS::Queue')}.QueueName}`;
    const alarms = Object.values(resources(acme, 'AWS::CloudWatch::Alarm')).map((alarm) => alarm.Properties);
    const deadLetters = alarms.find((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible');
    expect(deadLetters).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
    expect(deadLetters.Dimensions.map((d: { Name: string; Value: unknown }) => [d.Name, render(d.Value)])).toEqual([
      ['QueueName', queueName],
    ]);
    const behind = alarms.find((alarm) => alarm.MetricName === 'IteratorAge');
    expect(behind).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 15 * 60 * 1000 });
  });

  it("notifies the operator's SNS topic when one is given", () => {
    const alarms = Object.entries(resources(globex, 'AWS::CloudWatch::Alarm')).filter(([id]) => id.startsWith('Notifications'));
    expect(alarms).toHaveLength(2);
    for (const [, alarm] of alarms) expect(alarm.Properties.AlarmActions).toEqual([alarmTopicArn]);
    for (const [id, alarm] of Object.entries(resources(acme, 'AWS::CloudWatch::Alarm'))) {
      if (id.startsWith('Notifications')) expect(alarm.Properties.AlarmActions ?? []).toEqual([]);
    }
  });
});

describe('least privilege', () => {
  it('grants only the table, the signing key, ses:SendEmail, the stream and the DLQ: no files, no other secret', () => {
    const table = logicalIdOf(globex, 'AWS::DynamoDB::GlobalTable');
    const actions = new Set(statementsOf(globex).flatMap(actionsIn));
    const expected = new Set<string>([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      ...notifyConsumer.access.table.map(tableAction),
      ...secretActions,
      'ses:SendEmail',
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
      'sqs:SendMessage',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
    ]);
    expect([...actions].sort()).toEqual([...expected].sort());
    for (const statement of statementsOf(globex)) {
      const targets = [statement.Resource].flat().map(render);
      expect(targets).not.toContain('*');
      if (actionsIn(statement).includes('dynamodb:GetRecords')) expect(targets).toEqual([`\${${table}.StreamArn}`]);
    }
  });

  it('sends only from the configured domain identity, with From pinned to that domain, and its configuration set', () => {
    const statement = sendEmailStatement(globex);
    expect(actionsIn(statement)).toEqual(['ses:SendEmail']);
    const identity = logicalIdOf(globex, 'AWS::SES::EmailIdentity');
    const configurationSet = logicalIdOf(globex, 'AWS::SES::ConfigurationSet');
    expect([statement.Resource].flat().map(render).sort()).toEqual(
      [
        `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/\${${identity}}`,
        `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:configuration-set/\${${configurationSet}}`,
      ].sort(),
    );
    expect(statement.Condition).toEqual({ StringLike: { 'ses:FromAddress': ['*@mail.globex.example', '*@*.mail.globex.example'] } });
  });

  it('sends only from the configured address identity, with From pinned to that address', () => {
    const statement = sendEmailStatement(initech);
    const identity = logicalIdOf(initech, 'AWS::SES::EmailIdentity');
    expect([statement.Resource].flat().map(render)).toContain(
      `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:identity/\${${identity}}`,
    );
    expect(statement.Condition).toEqual({ StringLike: { 'ses:FromAddress': ['files@initech.example'] } });
  });

  it('without an identity in context, may not send email at all: no SES grant, and no SES identity', () => {
    const sesActions = statementsOf(acme)
      .flatMap(actionsIn)
      .filter((action) => action.startsWith('ses:'));
    expect(sesActions).toEqual([]);
    expect(resources(acme, 'AWS::SES::EmailIdentity')).toEqual({});
  });

  it('pins the From address in every SES grant of every stack, on named identities only', () => {
    for (const template of synth.templates) {
      const sesStatements = Object.values(resources(template, 'AWS::IAM::Policy'))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[])
        .filter((statement) => actionsIn(statement).some((action) => action.startsWith('ses:')));
      for (const statement of sesStatements) {
        const from = statement.Condition?.StringLike?.['ses:FromAddress'] as string[] | undefined;
        expect(from, JSON.stringify(statement)).toBeDefined();
        expect(from!.length).toBeGreaterThan(0);
        expect(from).not.toContain('*');
        for (const target of [statement.Resource].flat().map(render)) expect(target).not.toMatch(/:identity\/\*$/);
      }
    }
  });

  it('passes cdk-nag with every acknowledgement needed (no wildcard identity anywhere)', () => {
    for (const stack of synth.stacks) {
      expect(new AwsSolutionsChecks().validateScope(stack.notifications).violations).toEqual([]);
    }
    const pack = new AwsSolutionsChecks();
    (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
    const raw = (index: number) => pack.validateScope(synth.stacks[index]!.notifications).violations.map((violation) => violation.ruleName);
    expect(raw(0)).toEqual(['AwsSolutions-SQS3']);
    expect(raw(1)).toEqual(['AwsSolutions-SQS3']);
    expect(raw(2)).toEqual(['AwsSolutions-SQS3']);
  });
});
