/**
 * cdk-nag AwsSolutions is part of synthesis: the real stack passes with every
 * acknowledgement justified and needed, and anything unacknowledged fails synth.
 */
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type Route } from '../../functions/routes.js';
import { createApp } from '../../infra/app.js';
import { synthTenants, type SynthResult } from './support.js';

let synth: SynthResult;

beforeAll(() => {
  // Custom domain + sender too, so the conditional parts of the stack are checked as well.
  synth = synthTenants(
    [
      { tenant: 'acme' },
      {
        tenant: 'globex',
        senderDomain: 'mail.globex.example',
        domainName: 'share.globex.example',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
      },
    ],
    { bundle: false },
  );
});
afterAll(() => synth?.cleanup());

interface Acknowledged {
  path: string;
  id: string;
  reason: string;
}

/** Every `Validations.of(x).acknowledge(...)` in the tree, with the construct it was made on. */
function acknowledgementsIn(scope: IConstruct): Acknowledged[] {
  return scope.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/** What AwsSolutions reports when acknowledgements are ignored: rule id -> construct paths. */
function unacknowledgedFindings(scope: IConstruct): Map<string, string[]> {
  const pack = new AwsSolutionsChecks();
  (pack as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
  const report = pack.validateScope(scope);
  return new Map(report.violations.map((violation) => [violation.ruleName, violation.violatingResources.map((r) => r.constructPath!)]));
}

describe('cdk-nag on the ShareLink stacks', () => {
  it('reports no finding left unacknowledged (warnings included)', () => {
    for (const stack of synth.stacks) {
      const report = new AwsSolutionsChecks().validateScope(stack);
      expect(
        report.violations.map((violation) => violation.ruleName),
        stack.stackName,
      ).toEqual([]);
      expect(report.success).toBe(true);
    }
  });

  it('justifies every acknowledgement with a reason', () => {
    for (const stack of synth.stacks) {
      const acknowledged = acknowledgementsIn(stack);
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const { id, reason } of acknowledged) {
        expect(reason.length, id).toBeGreaterThan(40);
      }
    }
  });

  it('acknowledges only findings that exist, on the construct that has them', () => {
    for (const stack of synth.stacks) {
      const findings = unacknowledgedFindings(stack);
      for (const { path, id } of acknowledgementsIn(stack)) {
        const where = findings.get(id) ?? [];
        expect(
          where.some((resourcePath) => resourcePath === path || resourcePath.startsWith(`${path}/`)),
          `${id} acknowledged on ${path} but reported on ${JSON.stringify(where)}`,
        ).toBe(true);
      }
    }
  });

  it('never acknowledges a rule for the whole stack or app', () => {
    for (const stack of synth.stacks) {
      for (const { path, id } of acknowledgementsIn(stack.node.root)) {
        expect(path, id).not.toBe(stack.node.path);
        expect(path, id).not.toBe('');
      }
    }
  });

  it('leaves exactly the public routes of the route table without an authorizer', () => {
    const stack = synth.stacks[0]!;
    const open = acknowledgementsIn(stack).filter((ack) => ack.id === 'AwsSolutions-APIG4');
    // HttpApi names a route construct `<METHOD><path with / as -->`.
    const publicRoutes = (routes as readonly Route[]).filter((route) => route.auth === 'public');
    expect(publicRoutes.length).toBeGreaterThan(0);
    expect(open.map((ack) => ack.path.split('/').at(-1)).sort()).toEqual(
      publicRoutes.map((route) => `${route.method}${route.path.replace(/\//g, '--')}`).sort(),
    );
  });
});

describe('a finding nobody acknowledged', () => {
  it('fails synthesis and names the rule and the resource', () => {
    const app = createApp();
    const stack = new Stack(app, 'Throwaway');
    new s3.Bucket(stack, 'OpenBucket', { removalPolicy: RemovalPolicy.DESTROY });
    expect(() => app.synth()).toThrow(/AwsSolutions-S1[\s\S]*Throwaway\/OpenBucket|Throwaway\/OpenBucket[\s\S]*AwsSolutions-S1/);
    expect(() => app.synth({ force: true })).toThrow(/AwsSolutions-S10/);
  });

  it('fails synthesis for a warning-level finding too', () => {
    const app = createApp();
    const stack = new Stack(app, 'Throwaway');
    // No point-in-time recovery: AwsSolutions-DDB3 is a warning (the rule checks AWS::DynamoDB::Table).
    const table = new dynamodb.Table(stack, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([
      expect.objectContaining({ ruleName: 'AwsSolutions-DDB3', severity: 'warning' }),
    ]);
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
    expect(table).toBeDefined();
  });

  it('passes once the same bucket carries acknowledgements with reasons', () => {
    const app = createApp();
    const stack = new Stack(app, 'Throwaway');
    const bucket = new s3.Bucket(stack, 'OpenBucket', { removalPolicy: RemovalPolicy.DESTROY });
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S1', reason: 'test: proves acknowledgement is what lets synth pass' });
    Validations.of(bucket).acknowledge({ id: 'AwsSolutions-S10', reason: 'test: proves acknowledgement is what lets synth pass' });
    expect(() => app.synth()).not.toThrow();
  });
});
