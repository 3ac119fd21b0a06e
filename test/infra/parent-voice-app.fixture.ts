import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { addParentVoice, type ParentVoiceStacks } from '../../cdk/lib/parent-voice.ts';

/**
 * Builds the real CDK app for assertions: the context of cdk/cdk.json (feature flags included, so the
 * templates are the ones `cdk synth` makes), asset bundling skipped for speed (bundling is checked
 * on its own in functions.test.ts), and CDK's CloudFormation schema validation off (8 s; the CLI
 * synth runs it).
 */
export const repoRoot = resolve(import.meta.dirname, '../..');
/** A stand-in web build: lambda/handler.ts, build/server, build/client with static files. */
export const builtWeb = resolve(import.meta.dirname, 'fixtures/web-built');
/** A path with no web build at all, like a fresh clone. */
export const unbuiltWeb = resolve(import.meta.dirname, 'fixtures/no-web-build-here');

const cdkJson = JSON.parse(readFileSync(resolve(repoRoot, 'cdk/cdk.json'), 'utf8')) as { context: Record<string, unknown> };
export const cdkContext = cdkJson.context;

export interface BuildOptions {
  context?: Record<string, unknown>;
  webRoot?: string;
  bundling?: boolean;
}

export function buildApp(options: BuildOptions = {}): { app: App; stacks: ParentVoiceStacks } {
  const app = new App({
    context: {
      ...cdkContext,
      ...(options.bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
    builtinCloudFormationValidation: false,
  });
  const stacks = addParentVoice(app, { webRoot: options.webRoot ?? builtWeb });
  return { app, stacks };
}

export interface Templates {
  stacks: ParentVoiceStacks;
  data: Template;
  auth: Template;
  /** The ApiStack's own template: HttpApi, stage, authoriser, access logs, outbox sender, one AWS::CloudFormation::Stack per domain. */
  api: Template;
  /** The template of each domain's nested stack (`panels` → its routes, integrations, permissions and functions). */
  apiNested: Map<string, Template>;
  /** The ApiStack and every one of its nested stacks: the whole API. */
  apiAll: Template[];
  web: Template;
  /** The CloudFront web ACL's stack (us-east-1), when the app makes one (the default). */
  edge: Template | undefined;
  /** Every template: the stacks (edge too, when there is one) and the API's nested stacks. */
  all: Template[];
}

export function synthTemplates(options: BuildOptions = {}): Templates {
  const { stacks } = buildApp(options);
  const data = Template.fromStack(stacks.data);
  const auth = Template.fromStack(stacks.auth);
  const api = Template.fromStack(stacks.api);
  const apiNested = new Map([...stacks.api.routeStacks].map(([domain, nested]) => [domain, Template.fromStack(nested)]));
  const apiAll = [api, ...apiNested.values()];
  const web = Template.fromStack(stacks.web);
  const edge = stacks.edge ? Template.fromStack(stacks.edge) : undefined;
  return { stacks, data, auth, api, apiNested, apiAll, web, edge, all: [data, auth, ...apiAll, web, ...(edge ? [edge] : [])] };
}

let defaults: Templates | undefined;
/** The default app (env dev, web built), synthesised once per test file. */
export function defaultTemplates(): Templates {
  defaults ??= synthTemplates();
  return defaults;
}

export type Resource = { Type: string; Properties: Record<string, any>; [key: string]: any };

export function resourcesOf(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.findResources(type) as Record<string, Resource>);
}

/** Each resource of a type across all four stacks and the API's nested stacks. */
export function allResourcesOf(templates: Templates, type: string): [string, Resource][] {
  return templates.all.flatMap((template) => resourcesOf(template, type));
}

/** Each resource of a type in the API: the ApiStack and its nested stacks. */
export function apiResourcesOf(templates: Templates, type: string): [string, Resource][] {
  return templates.apiAll.flatMap((template) => resourcesOf(template, type));
}

/** The logical id of a construct's CloudFormation resource in its own (possibly nested) stack. */
export function logicalIdOf(construct: IConstruct): string {
  const resource = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(resource).getLogicalId(resource);
}

/** The template a construct's resource is in: the ApiStack's or one of its nested stacks'. */
export function apiTemplateOf(templates: Templates, construct: IConstruct): Template {
  const stack = Stack.of(construct);
  if (stack === templates.stacks.api) return templates.api;
  for (const [domain, nested] of templates.stacks.api.routeStacks) {
    if (nested === stack) return templates.apiNested.get(domain)!;
  }
  throw new Error(`${construct.node.path} is not in the API stack or its nested stacks`);
}

/** Resources by logical id, the template's own. */
export function resourcesById(template: Template): Record<string, Resource> {
  return template.toJSON().Resources as Record<string, Resource>;
}

/** The one resource of a type in a template (fails when there are none or several). */
export function onlyResourceOf(template: Template, type: string): [string, Resource] {
  const found = resourcesOf(template, type);
  if (found.length !== 1) throw new Error(`Expected one ${type}, found ${found.length}`);
  return found[0]!;
}
