import { resolve } from 'node:path';
import { NestedStack, Validations, type NestedStackProps } from 'aws-cdk-lib';
import { HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, type HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../../functions/src/routes.ts';
import { ApiFunction, tableAccessFor } from './constructs/api-function.ts';
import { paths } from './paths.ts';

/** `panels/list-panels.handler.ts` → `panels`: the first folder of a route's handler. */
export function domainOf(handler: string): string {
  const [domain, ...rest] = handler.split('/');
  if (!domain || rest.length === 0) {
    throw new Error(`${handler}: a route handler lives in a domain folder (functions/src/<domain>/…), which names its nested stack`);
  }
  return domain;
}

/** `panels` → `PanelsRoutes`, `sign-up` → `SignUpRoutes`: the construct id of a domain's nested stack. */
export function routesStackIdFor(domain: string): string {
  const words = domain.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `${words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')}Routes`;
}

/** `tenants/list-tenants.handler.ts` → `TenantsListTenants`. */
export function functionIdFor(handler: string): string {
  return handler
    .replace(/\.handler\.ts$/, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** Routes grouped by domain, in the order each domain first appears in the list. */
export function routesByDomain(routes: readonly RouteDefinition[]): Map<string, RouteDefinition[]> {
  const byDomain = new Map<string, RouteDefinition[]>();
  for (const route of routes) {
    const domain = domainOf(route.handler);
    byDomain.set(domain, [...(byDomain.get(domain) ?? []), route]);
  }
  return byDomain;
}

export interface ApiRoutesStackProps extends NestedStackProps {
  domain: string;
  routes: RouteDefinition[];
  /** The parent's HTTP API: routes are added to it from here, its default (JWT) authoriser stays in the parent. */
  httpApi: HttpApi;
  /** A plain string: the table is imported by name in this stack, so its ARN uses this stack's own region and account. */
  tableName: string;
  globalIndexes: string[];
  environment: Record<string, string>;
}

/**
 * One domain's routes (every route whose handler is under functions/src/<domain>/): for each, its
 * ApiFunction, the HTTP route, the Lambda integration and the permission for API Gateway to call it.
 * A nested stack of the ApiStack, so each domain counts against CloudFormation's 500 resources a stack
 * on its own, and the parent holds one AWS::CloudFormation::Stack per domain.
 *
 * How the pieces bind across the nested stack boundary (aws-cdk-lib 2.276):
 * - `new HttpRoute(this, …)` (rather than `httpApi.addRoutes`, which would create the route under the
 *   HttpApi, in the parent) puts the route here; HttpLambdaIntegration creates its integration and
 *   the function's permission under the route, so they land here too.
 * - The JWT authoriser is the API's default authoriser: HttpRoute binds it with the HttpApi as scope,
 *   so its one AWS::ApiGatewayV2::Authorizer is created in the parent on first use and every nested
 *   route only refers to it (the API id and authoriser id reach this stack as parameters; nothing here
 *   is referenced by the parent, so there is no cycle).
 */
export class ApiRoutesStack extends NestedStack {
  readonly domain: string;
  readonly routeFunctions = new Map<string, ApiFunction>();

  constructor(scope: Construct, id: string, props: ApiRoutesStackProps) {
    super(scope, id, props);
    this.domain = props.domain;
    const table = TableV2.fromTableAttributes(this, 'Table', {
      tableName: props.tableName,
      globalIndexes: props.globalIndexes,
    });

    for (const route of props.routes) {
      if (domainOf(route.handler) !== props.domain) {
        throw new Error(`${route.handler} is not in the ${props.domain} domain`);
      }
      const id = functionIdFor(route.handler);
      if (this.routeFunctions.has(id)) {
        throw new Error(`Two routes use ${route.handler}: give each route its own handler file`);
      }
      const fn = new ApiFunction(this, id, {
        entry: resolve(paths.functionsSrc, route.handler),
        description: `${route.method} ${route.path}`,
        environment: props.environment,
        table,
        tableAccess: tableAccessFor(route.method),
      });
      this.routeFunctions.set(id, fn);

      const method = HttpMethod[route.method];
      // The same construct id HttpApi.addRoutes would give it.
      const httpRoute = new HttpRoute(this, `${method}${route.path}`, {
        httpApi: props.httpApi,
        routeKey: HttpRouteKey.with(route.path, method),
        integration: new HttpLambdaIntegration(`${id}Integration`, fn.fn),
        // Absent: the HttpApi's default, the Cognito JWT authoriser.
        ...(route.public ? { authorizer: new HttpNoneAuthorizer() } : {}),
      });
      if (route.public) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            route.method === 'GET'
              ? `${route.method} ${route.path} is public by design (marked public in functions/src/routes.ts); it is read-only and covered by the stage throttling.`
              : `${route.method} ${route.path} is public by design (marked public in functions/src/routes.ts): families have no account. ` +
                'It checks its own credential (a single-use link, a member session or a survey draft token, all stored only as hashes) or, for joining and starting a survey, ' +
                'limits emails per address and survey starts per client; it is covered by the stage throttling.',
        });
      }
    }
  }
}
