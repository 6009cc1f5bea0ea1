import { TEST_ENV } from '../env.js';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../../functions/notify/lambda.js';
import type { Share } from '../../../functions/lib/domain/share.js';
import { lambdaContext } from '../../support/events.js';
import { DAY, OWNER, aShare } from '../fixtures.js';

/**
 * functions/notify/lambda.ts as Lambda runs it: a DynamoDBStreamEvent in (attribute values as the
 * stream sends them), SES v1 SendEmail and DynamoDB out, partial batch failures back.
 */
process.env.SES_CONFIGURATION_SET = 'sharelink-test-emails';

const ddb = mockClient(DynamoDBDocumentClient);
const sesMock = mockClient(SESClient);
const SENDER = 'files@example.com';
let sequence = 100;

const activeShare = (overrides: Partial<Share> = {}) =>
  aShare({ createdAt: new Date(Date.now() - DAY).toISOString(), expiresAt: new Date(Date.now() + 7 * DAY).toISOString(), ...overrides });

function record(item: Record<string, unknown>): DynamoDBRecord {
  const image = marshall(item, { removeUndefinedValues: true }) as NonNullable<DynamoDBRecord['dynamodb']>['NewImage'];
  return {
    eventID: `event-${sequence}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    awsRegion: TEST_ENV.AWS_REGION,
    dynamodb: {
      Keys: marshall({ pk: item.pk, sk: item.sk }) as NonNullable<DynamoDBRecord['dynamodb']>['Keys'],
      NewImage: image,
      SequenceNumber: String(++sequence).padStart(21, '0'),
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

const shareRecord = (share: Share) => record({ pk: `SHARE#${share.id}`, sk: 'META', gsi1pk: `OWNER#${share.ownerId}`, ...share });
const downloadRecord = (share: Share, file: string) => {
  const at = new Date().toISOString();
  return record({
    pk: `SHARE#${share.id}`,
    sk: `EVENT#${at}#0a1b2c3d`,
    kind: 'download',
    at,
    file,
    client: 'abc',
    userAgent: 'curl/8.5.0',
    ttl: 1,
  });
};

function givenShares(...shares: Share[]) {
  for (const share of shares) {
    ddb
      .on(GetCommand, { Key: { pk: `SHARE#${share.id}`, sk: 'META' } })
      .resolves({ Item: { pk: `SHARE#${share.id}`, sk: 'META', ...share } });
  }
}

const run = (...records: DynamoDBRecord[]) => handler({ Records: records }, lambdaContext('sharelink-notify'));
const sentEmails = () => sesMock.commandCalls(SendEmailCommand).map((call) => call.args[0].input);

beforeEach(() => {
  ddb.reset();
  sesMock.reset();
  ddb.on(GetCommand).resolves({});
  ddb.on(GetCommand, { Key: { pk: `USER#${OWNER.userId}`, sk: 'SETTINGS' } }).resolves({ Item: { notificationSender: SENDER } });
  // The owner proved the sender (a code sent to it); an unproved one is never used.
  ddb
    .on(GetCommand, { Key: { pk: `USER#${OWNER.userId}`, sk: `SENDER#${SENDER}` } })
    .resolves({ Item: { address: SENDER, provenAt: '2026-01-01T00:00:00.000Z', provenBy: 'code' } });
  ddb.on(QueryCommand).resolves({ Items: [] });
  ddb.on(PutCommand).resolves({});
  ddb.on(DeleteCommand).resolves({});
  ddb.on(UpdateCommand).resolves({});
  sesMock.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
});

describe('the notify handler', () => {
  it('sends partner emails through SES SendEmail with both parts, UTF-8, Reply-To and the configuration set', async () => {
    const share = activeShare({ recipients: ['anna@partner.example'], message: 'Hallo <Team>' });
    givenShares(share);
    await expect(run(shareRecord(share))).resolves.toEqual({ batchItemFailures: [] });
    expect(sentEmails()).toEqual([
      {
        Source: SENDER,
        Destination: { ToAddresses: ['anna@partner.example'] },
        ReplyToAddresses: [OWNER.email],
        Message: {
          Subject: { Data: `${OWNER.email} shared "report.pdf" with you`, Charset: 'UTF-8' },
          Body: {
            Html: { Data: expect.stringContaining('Hallo &lt;Team&gt;'), Charset: 'UTF-8' },
            Text: { Data: expect.stringContaining('Hallo <Team>'), Charset: 'UTF-8' },
          },
        },
        ConfigurationSetName: 'sharelink-test-emails',
      },
    ]);
    expect(sentEmails()[0]!.Message!.Body!.Text!.Data).toContain(`${TEST_ENV.PUBLIC_BASE_URL}/s/${share.id}`);
    // The sent marker, written after the send, is what makes a retry skip this recipient.
    const marker = ddb
      .commandCalls(PutCommand)
      .map((call) => call.args[0].input.Item)
      .find((item) => String(item?.sk).startsWith('NOTIFY#sent#'));
    expect(marker).toMatchObject({ pk: `SHARE#${share.id}`, sk: 'NOTIFY#sent#partner#anna@partner.example', ttl: expect.any(Number) });
  });

  it('skips a recipient whose sent marker exists (a retried batch sends no duplicate)', async () => {
    const share = activeShare({ recipients: ['anna@partner.example', 'ben@partner.example'] });
    givenShares(share);
    ddb.on(QueryCommand).resolves({ Items: [{ sk: 'NOTIFY#sent#partner#anna@partner.example' }] });
    await run(shareRecord(share));
    expect(sentEmails().map((email) => email.Destination!.ToAddresses)).toEqual([['ben@partner.example']]);
  });

  it('reports the failed record and the rest of the batch when SES fails, and nothing when it works again', async () => {
    const ok = activeShare({ recipients: ['ok@partner.example'] });
    const failing = activeShare({ recipients: ['fail@partner.example'] });
    const later = activeShare({ recipients: ['later@partner.example'] });
    givenShares(ok, failing, later);
    sesMock
      .on(SendEmailCommand, { Destination: { ToAddresses: ['fail@partner.example'] } })
      .rejects(Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' }));
    const records = [shareRecord(ok), shareRecord(failing), shareRecord(later)];
    const result = await run(...records);
    expect(result.batchItemFailures).toEqual([
      { itemIdentifier: records[1]!.dynamodb!.SequenceNumber },
      { itemIdentifier: records[2]!.dynamodb!.SequenceNumber },
    ]);
    // The failing send was attempted; nothing after it ran.
    expect(sentEmails().flatMap((email) => email.Destination!.ToAddresses)).toEqual(['ok@partner.example', 'fail@partner.example']);

    sesMock.reset();
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'm-2' });
    await expect(run(...records.slice(1))).resolves.toEqual({ batchItemFailures: [] });
    expect(sentEmails().flatMap((email) => email.Destination!.ToAddresses)).toEqual(['fail@partner.example', 'later@partner.example']);
  });

  it('claims the download alert window with a conditional write, and sends nothing when it is taken', async () => {
    const share = activeShare({ notifyOnDownload: true });
    givenShares(share);
    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    await expect(run(downloadRecord(share, 'report.pdf'))).resolves.toEqual({ batchItemFailures: [] });
    const [claim] = ddb.commandCalls(UpdateCommand).map((call) => call.args[0].input);
    expect(claim).toMatchObject({
      Key: { pk: `SHARE#${share.id}`, sk: expect.stringMatching(/^NOTIFY#window#download#/) },
      ConditionExpression: 'attribute_not_exists(pk) OR windowEnds <= :at OR claimant = :claimant',
    });
    expect(sentEmails()).toEqual([]);
  });

  it('alerts the owner for a download when the window is free', async () => {
    const share = activeShare({ notifyOnDownload: true });
    givenShares(share);
    await run(downloadRecord(share, 'report.pdf'));
    expect(sentEmails()).toEqual([expect.objectContaining({ Source: SENDER, Destination: { ToAddresses: [OWNER.email] } })]);
    expect(sentEmails()[0]!.Message!.Body!.Text!.Data).toContain('curl 8.5.0');
  });

  it('ignores records that are not notifications (its own writes, edits, other items)', async () => {
    const share = activeShare({ recipients: ['anna@partner.example'] });
    const edit = { ...shareRecord(share), eventName: 'MODIFY' as const };
    const marker = record({ pk: `SHARE#${share.id}`, sk: 'NOTIFY#sent#partner#anna@partner.example', ttl: 1 });
    await expect(run(edit, marker)).resolves.toEqual({ batchItemFailures: [] });
    expect(ddb.calls()).toHaveLength(0);
    expect(sentEmails()).toEqual([]);
  });
});
