import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface AlarmsProps {
  api: HttpApi;
  /**
   * Functions no API request waits for (stream consumers, queue workers): their errors and
   * throttles get alarms of their own. Functions behind the API need none: when one throws,
   * times out or is throttled, API Gateway answers 5xx, which the API's alarm counts.
   */
  backgroundFunctions: readonly lambda.IFunction[];
  /** Where alarms notify (an SNS topic the operator owns), from `-c alarmTopicArn=`. */
  alarmTopicArn?: string | undefined;
}

/** A metric-math alarm can read at most 10 metrics. */
const METRICS_PER_ALARM = 10;

/**
 * What an operator is woken for: the API answering 5xx (handler bugs, and any function behind
 * it failing, timing out or being throttled), and a background function erroring or being
 * throttled. An alarm is billed per metric it reads (USD 0.10 a month each, docs/cost.md), so
 * the API's functions share the API's one metric instead of two metrics each.
 */
export class Alarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    this.alarms.push(
      new cloudwatch.Alarm(this, 'ApiServerErrors', {
        alarmDescription: 'The API answered 5xx: a bug, or Lambda throttling or failing behind it. See the function logs.',
        metric: props.api.metricServerError({ period, statistic: cloudwatch.Stats.SUM }),
        threshold: 5,
        ...alarmDefaults,
      }),
    );
    for (let start = 0; start < props.backgroundFunctions.length; start += METRICS_PER_ALARM) {
      const group = props.backgroundFunctions.slice(start, start + METRICS_PER_ALARM);
      const n = start / METRICS_PER_ALARM + 1;
      for (const [name, metricOf, why] of [
        ['Errors', (f: lambda.IFunction) => f.metricErrors({ period }), 'threw or timed out'],
        ['Throttles', (f: lambda.IFunction) => f.metricThrottles({ period }), 'was throttled (account concurrency exhausted?)'],
      ] as const) {
        const usingMetrics = Object.fromEntries(group.map((f, i) => [`m${i}`, metricOf(f)]));
        this.alarms.push(
          new cloudwatch.Alarm(this, `Function${name}${n}`, {
            alarmDescription: `A ShareLink function ${why}: ${group.map((f) => f.functionName).join(', ')}.`,
            metric: new cloudwatch.MathExpression({
              expression: Object.keys(usingMetrics).join(' + '),
              usingMetrics,
              period,
              label: `${name} (functions ${start + 1}-${start + group.length})`,
            }),
            threshold: 1,
            ...alarmDefaults,
          }),
        );
      }
    }
    notifyOperator(this, this.alarms, props.alarmTopicArn);
  }
}

/** Every alarm of the stack: one 5-minute period at or over the threshold; no data is no alarm. */
export const alarmDefaults = {
  evaluationPeriods: 1,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
} as const;

/** Sends the alarms to the operator's SNS topic, when one is given (`-c alarmTopicArn=`). */
export function notifyOperator(scope: Construct, alarms: readonly cloudwatch.Alarm[], alarmTopicArn: string | undefined): void {
  if (!alarmTopicArn) return;
  const topic = sns.Topic.fromTopicArn(scope, 'AlarmTopic', alarmTopicArn);
  for (const alarm of alarms) alarm.addAlarmAction(new actions.SnsAction(topic));
}
