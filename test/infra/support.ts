/**
 * Shared helpers for the infra tests: synthesize tenant stacks with the real app setup
 * (feature flags + cdk-nag) and read the CloudFormation template in plain terms.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { addTenantStack, createApp } from '../../infra/app.js';
import { readTenantConfig } from '../../infra/config.js';
import type { ShareLinkStack } from '../../infra/sharelink-stack.js';

export const fixtureWebDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'web');

export interface SynthResult {
  stacks: ShareLinkStack[];
  templates: Template[];
  assembly: CloudAssembly;
  outdir: string;
  cleanup(): void;
}

/**
 * One app with one stack per context (as `-c tenant=... -c ...` would give), synthesized
 * once with cdk-nag attached (so an unacknowledged finding throws here). `bundle: false`
 * skips esbuild (CDK's bundling-stacks context) when a test does not look at the bundles.
 */
export function synthTenants(contexts: Record<string, string>[], options: { bundle: boolean }): SynthResult {
  const outdir = mkdtempSync(path.join(tmpdir(), 'sharelink-infra-'));
  const app = createApp({ outdir, context: options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] } });
  const stacks = contexts.map((context) =>
    addTenantStack(
      app,
      readTenantConfig((key) => context[key]),
      { webAssetDir: fixtureWebDir },
    ),
  );
  const assembly = app.synth();
  return {
    stacks,
    templates: stacks.map((stack) => Template.fromJSON(assembly.getStackByName(stack.stackName).template)),
    assembly,
    outdir,
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

export type Resource = {
  Type: string;
  Properties?: any;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

export function resources(template: Template, type?: string): Record<string, Resource> {
  const all = template.toJSON().Resources as Record<string, Resource>;
  return Object.fromEntries(Object.entries(all).filter(([, resource]) => !type || resource.Type === type));
}

export function onlyResource(template: Template, type: string): [string, Resource] {
  const found = Object.entries(resources(template, type));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

/**
 * Renders a CloudFormation value as text for readable assertions: `Ref X` -> `${X}`,
 * `Fn::GetAtt [X, Y]` -> `${X.Y}`, `Fn::Join` concatenated, `Fn::Sub` kept as written.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(render).join(',');
  if (value && typeof value === 'object') {
    const node = value as Record<string, any>;
    if ('Ref' in node) return `\${${node.Ref}}`;
    if ('Fn::GetAtt' in node) return `\${${node['Fn::GetAtt'][0]}.${node['Fn::GetAtt'][1]}}`;
    if ('Fn::Join' in node) return (node['Fn::Join'][1] as unknown[]).map(render).join(node['Fn::Join'][0]);
    if ('Fn::Sub' in node) return render(node['Fn::Sub']);
  }
  return JSON.stringify(value);
}

/** Logical ids a resource refers to (Ref, GetAtt, Sub, DependsOn): the edges CloudFormation orders by. */
export function dependenciesOf(resource: Resource, logicalIds: Set<string>): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string' && logicalIds.has(inner)) found.add(inner);
      else if (key === 'Fn::GetAtt') {
        const target = Array.isArray(inner) ? inner[0] : String(inner).split('.')[0];
        if (logicalIds.has(target)) found.add(target);
      } else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner;
        for (const match of String(text).matchAll(/\$\{([^}.!]+)/g)) if (logicalIds.has(match[1]!)) found.add(match[1]!);
        visit(inner);
      } else visit(inner);
    }
  };
  visit(resource.Properties);
  for (const id of [resource.DependsOn ?? []].flat()) found.add(id);
  return found;
}

/** A dependency cycle among the template's resources, or undefined when the graph is acyclic. */
export function findCycle(template: Template): string[] | undefined {
  const all = resources(template);
  const ids = new Set(Object.keys(all));
  const edges = new Map([...ids].map((id) => [id, dependenciesOf(all[id]!, ids)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): string[] | undefined => {
    state.set(id, 'visiting');
    for (const next of edges.get(id)!) {
      if (state.get(next) === 'visiting') return [...trail, id, next];
      if (!state.has(next)) {
        const cycle = visit(next, [...trail, id]);
        if (cycle) return cycle;
      }
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const id of ids) {
    if (!state.has(id)) {
      const cycle = visit(id, []);
      if (cycle) return cycle;
    }
  }
  return undefined;
}
