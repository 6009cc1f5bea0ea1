import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Template } from 'aws-cdk-lib/assertions';
import { groups } from '../../functions/routes.js';
import { readTenantConfig } from '../../infra/config.js';
import { resources, synthTenants, type SynthResult } from './support.js';

const topicArn = 'arn:aws:sns:eu-west-1:123456789012:ops-alerts';
let synth: SynthResult;
let plain: Template;
let withTopic: Template;

beforeAll(() => {
  synth = synthTenants([{ tenant: 'alarms' }, { tenant: 'alarms-topic', alarmTopicArn: topicArn }], { bundle: false });
  [plain, withTopic] = synth.templates as [Template, Template];
});

afterAll(() => synth?.cleanup());

const alarmsOf = (template: Template) => Object.values(resources(template, 'AWS::CloudWatch::Alarm'));

describe('operational alarms', () => {
  it('alarms on API 5xx answers', () => {
    const api = alarmsOf(plain).find((a) => a.Properties.MetricName === '5xx');
    expect(api?.Properties).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      Statistic: 'Sum',
      Threshold: 5,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('alarms on errors and throttles of the background functions only (notify, preview renderer): the route groups answer through the API, whose 5xx alarm covers them', () => {
    const functionIds = Object.entries(resources(plain, 'AWS::Lambda::Function'));
    const notifyId = functionIds.find(([, fn]) => String(fn.Properties.Description).includes('table stream'))?.[0];
    const groupIds = functionIds
      .filter(([, fn]) => groups.some((group) => fn.Properties.Description === `ShareLink ${group} routes`))
      .map(([id]) => id);
    const rendererId = functionIds.find(([, fn]) => String(fn.Properties.Description).includes('preview renderer'))?.[0];
    expect(notifyId).toBeDefined();
    expect(rendererId).toBeDefined();
    expect(groupIds).toHaveLength(groups.length);
    for (const name of ['Errors', 'Throttles']) {
      const alarms = alarmsOf(plain).filter((a) => a.Properties.Metrics?.some((m: any) => m.MetricStat?.Metric?.MetricName === name));
      const watched = alarms.flatMap((a) =>
        a.Properties.Metrics.filter((m: any) => m.MetricStat).map((m: any) => m.MetricStat.Metric.Dimensions[0].Value.Ref as string),
      );
      expect(watched.sort()).toEqual([notifyId, rendererId].sort());
      expect(alarms.every((a) => a.Properties.Threshold === 1)).toBe(true);
    }
  });

  it('notifies the operator topic when one is given, and nothing otherwise', () => {
    expect(alarmsOf(plain).every((a) => a.Properties.AlarmActions === undefined)).toBe(true);
    const alarms = alarmsOf(withTopic);
    expect(alarms.length).toBeGreaterThan(3);
    expect(alarms.every((a) => JSON.stringify(a.Properties.AlarmActions) === JSON.stringify([topicArn]))).toBe(true);
  });

  it('refuses an alarm topic that is not an SNS ARN', () => {
    expect(() => readTenantConfig((key) => ({ tenant: 'acme', alarmTopicArn: 'ops-alerts' })[key])).toThrow(/Invalid alarmTopicArn/);
  });
});
