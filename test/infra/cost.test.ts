/**
 * docs/cost.md against the synthesized stack: its generated tables must be what infra/cost.ts
 * makes of the template, so a resource with a fixed monthly price (a secret, an alarm metric,
 * a key, a NAT gateway…) cannot be added without the document saying what it costs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billing, costTables, fixedPriceInventory, generatedBlock, markers, type Template as CfnTemplate } from '../../infra/cost.js';
import { synthTenants, type SynthResult } from './support.js';

let synth: SynthResult;
let plain: CfnTemplate;
let everything: CfnTemplate;
const document = readFileSync(path.resolve('docs/cost.md'), 'utf8');

const json = (template: Template) => template.toJSON() as CfnTemplate;

beforeAll(() => {
  synth = synthTenants(
    [
      { tenant: 'cost' },
      {
        tenant: 'cost-options',
        senderDomain: 'mail.acme.example',
        domainName: 'files.acme.example',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8091-a2b3c4d5e6f7',
        alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops-alerts',
      },
    ],
    { bundle: false },
  );
  [plain, everything] = synth.templates.map(json) as [CfnTemplate, CfnTemplate];
});

afterAll(() => synth?.cleanup());

describe('the cost of a tenant (docs/cost.md)', () => {
  it('knows how every resource type of the stack is billed, so a new type cannot slip in unpriced', () => {
    for (const template of [plain, everything]) {
      const { unclassified } = fixedPriceInventory(template);
      expect(unclassified, 'classify these in infra/cost.ts (`billing`): fixed monthly price or billed by use only').toEqual([]);
    }
  });

  it("holds the stack's fixed-price resources and the idle total, as `npm run cost` renders them from the template", () => {
    const tables = costTables(plain);
    expect(generatedBlock(document, markers.fixed), 'docs/cost.md is out of date: run npm run cost').toBe(tables.fixed);
    expect(generatedBlock(document, markers.visits), 'docs/cost.md is out of date: run npm run cost').toBe(tables.visits);
  });

  it('costs the same at rest whatever the deploy options (sender domain, custom domain, alarm topic)', () => {
    expect(fixedPriceInventory(everything).items).toEqual(fixedPriceInventory(plain).items);
  });

  it('keeps an idle tenant at or under USD 2 a month', () => {
    expect(costTables(plain).idleUsd).toBeLessThanOrEqual(2);
  });

  it('counts a fixed-price resource added to a template, by the metrics an alarm reads', () => {
    const alarm = (metrics: number) => ({
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { Metrics: [...Array.from({ length: metrics }, () => ({ MetricStat: { Period: 300 } })), { Expression: 'm0 + m1' }] },
    });
    const grown: CfnTemplate = {
      Resources: { ...plain.Resources, Extra: alarm(3), Key: { Type: 'AWS::KMS::Key' }, Nat: { Type: 'AWS::EC2::NatGateway' } },
    };
    const before = costTables(plain).idleUsd;
    expect(costTables(grown).idleUsd).toBeCloseTo(before + 3 * 0.1 + 1 + 32.85, 2);
    expect(fixedPriceInventory({ Resources: { X: { Type: 'AWS::Some::NewThing' } } }).unclassified).toEqual(['AWS::Some::NewThing']);
    expect(Object.keys(billing).length).toBeGreaterThan(30);
  });
});
