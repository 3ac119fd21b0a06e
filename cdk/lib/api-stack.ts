import { resolve } from 'node:path';
import { Aws, CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { routes as allRoutes, type RouteDefinition } from '../../functions/src/routes.ts';
import { ApiRoutesStack, routesByDomain, routesStackIdFor } from './api-routes-stack.ts';
import { addClientAddressSecret, clientSecretVariable } from './client-address-secret.ts';
import { ApiFunction } from './constructs/api-function.ts';
import { tableDefinition } from '@pv/shared/table';
import { acknowledgeWildcardResource } from './nag.ts';
import { paths } from './paths.ts';
import type { Settings } from './settings.ts';

export interface ApiStackProps extends StackProps {
  settings: Settings;
  /** The table's fixed name (a plain string): the ARN is derived here, not imported from the data stack. */
  tableName: string;
  /** The table's stream ARN (imported: it carries a creation timestamp). */
  tableStreamArn: string;
  issuer: string;
  clientId: string;
  /** Defaults to functions/src/routes.ts. */
  routes?: RouteDefinition[];
}

export { domainOf, functionIdFor, routesStackIdFor } from './api-routes-stack.ts';

/**
 * The HTTP API (one Lambda per route in functions/src/routes.ts, the Cognito JWT authoriser on
 * every non-public route) and the outbox sender fed by the table's stream. Stateless: safe to
 * destroy and redeploy.
 *
 * This stack holds the HttpApi, its stage, the authoriser, the access logs and the outbox sender;
 * the routes and their functions live in one nested stack per domain (ApiRoutesStack), so the
 * API can grow past what one CloudFormation stack (500 resources) holds.
 */
export class ApiStack extends Stack {
  readonly httpApi: HttpApi;
  readonly apiUrl: string;
  /** Every route's function, by functionIdFor(handler); each lives in its domain's nested stack. */
  readonly routeFunctions = new Map<string, ApiFunction>();
  /** The nested stack of each domain (`panels` → PanelsRoutes). */
  readonly routeStacks = new Map<string, ApiRoutesStack>();
  readonly outboxSender: ApiFunction;
  readonly loopDigests: ApiFunction;
  readonly retentionJob: ApiFunction;
  /** The client-address signing key (client-address-secret.ts); here because this stack deploys before the web stack. */
  readonly clientSecret: Secret;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const routes = props.routes ?? allRoutes;
    const table = TableV2.fromTableAttributes(this, 'Table', {
      tableName: props.tableName,
      tableStreamArn: props.tableStreamArn,
      globalIndexes: tableDefinition.globalIndexes.map((index) => index.indexName),
    });

    const environment = {
      TABLE_NAME: table.tableName,
      COGNITO_ISSUER: props.issuer,
      COGNITO_CLIENT_ID: props.clientId,
      MAIL_TRANSPORT: 'ses',
      MAIL_FROM: settings.mailFrom,
      PUBLIC_WEB_URL: settings.publicWebUrl,
      LOG_LEVEL: settings.logLevel,
    };

    this.clientSecret = addClientAddressSecret(this, 'ClientAddressSecret');
    // Only the route functions: the outbox sender and the digest job never see a client address.
    const routeEnvironment = { ...environment, [clientSecretVariable]: this.clientSecret.secretValue.unsafeUnwrap() };

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: `parent-voice-${settings.envName}`,
      description: 'Parent Voice API (called by the SvelteKit server, not by browsers: no CORS).',
      createDefaultStage: false,
      defaultAuthorizer: new HttpJwtAuthorizer('CognitoIdToken', props.issuer, {
        authorizerName: 'cognito-id-token',
        jwtAudience: [props.clientId],
        identitySource: ['$request.header.Authorization'],
      }),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // Applies to every route, so the public ones are rate limited too.
      throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // HTTP APIs never log bodies; this format also leaves out headers and query strings.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    this.apiUrl = stage.url;

    // One nested stack per domain (the first folder of each handler): a new folder of handlers gets its own
    // stack with no change here, and no stack nears CloudFormation's 500 resources (cdk/README.md).
    const globalIndexes = tableDefinition.globalIndexes.map((index) => index.indexName);
    for (const [domain, domainRoutes] of routesByDomain(routes)) {
      const nested = new ApiRoutesStack(this, routesStackIdFor(domain), {
        description: `Parent Voice: the ${domain} routes of the HTTP API and their functions`,
        domain,
        routes: domainRoutes,
        httpApi: this.httpApi,
        tableName: props.tableName,
        globalIndexes,
        environment: routeEnvironment,
      });
      this.routeStacks.set(domain, nested);
      for (const [id, fn] of nested.routeFunctions) {
        if (this.routeFunctions.has(id)) throw new Error(`Two routes make the function ${id}: give each route its own handler file`);
        this.routeFunctions.set(id, fn);
      }
    }

    this.outboxSender = this.addOutboxSender(settings, table, environment);
    this.loopDigests = this.addLoopDigests(table, environment);
    this.retentionJob = this.addRetentionJob(table, environment);

    new CfnOutput(this, 'ApiUrl', { value: this.apiUrl });
  }

  /** Once a day at 10:00 UTC: "you said, we did" digests for members who had an email the day before. */
  private addLoopDigests(table: ITableV2, environment: Record<string, string>): ApiFunction {
    const job = new ApiFunction(this, 'LoopDigests', {
      entry: resolve(paths.functionsSrc, 'actions/send-loop-digests.handler.ts'),
      description: 'Sends waiting "you said, we did" digests (at most one email a day per member)',
      environment,
      table,
      tableAccess: 'readWrite',
      timeout: Duration.minutes(5),
    });
    new Rule(this, 'LoopDigestsDaily', { schedule: Schedule.cron({ minute: '0', hour: '10' }), targets: [new LambdaFunction(job.fn)] });
    return job;
  }

  /**
   * Once a day at 02:30 UTC: each partnership's retention settings applied (issue 14, item 8): survey
   * responses, unconfirmed joins, members who left and old audit entries that are due are deleted.
   */
  private addRetentionJob(table: ITableV2, environment: Record<string, string>): ApiFunction {
    const job = new ApiFunction(this, 'RetentionJob', {
      entry: resolve(paths.functionsSrc, 'retention/run-retention.handler.ts'),
      description: 'Deletes what each partnership keeps no longer (retention settings), daily',
      environment,
      table,
      tableAccess: 'readWrite',
      timeout: Duration.minutes(15),
    });
    new Rule(this, 'RetentionDaily', {
      description: 'Runs the retention job once a day',
      schedule: Schedule.cron({ minute: '30', hour: '2' }),
      targets: [new LambdaFunction(job.fn, { retryAttempts: 2 })],
    });
    return job;
  }

  /**
   * DynamoDB stream → outbox sender → SES. Only INSERTs of `type = 'outbox'` items (and sign-in link requests, looked up there) invoke it.
   * Failed batches are split and retried, then reported (stream positions, not the mail) to a DLQ.
   */
  private addOutboxSender(settings: Settings, table: ITableV2, environment: Record<string, string>): ApiFunction {
    const sender = new ApiFunction(this, 'OutboxSender', {
      entry: resolve(paths.functionsSrc, 'outbox/send-outbox.handler.ts'),
      description: 'Sends outbox emails through SES (DynamoDB stream, INSERT of type=outbox)',
      environment,
      table,
      // Reads the outbox item and marks it sent.
      tableAccess: 'readWrite',
      timeout: Duration.seconds(30),
    });

    const deadLetters = new Queue(this, 'OutboxDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the outbox stream mapping.',
    });

    const streamArn = table.tableStreamArn;
    if (!streamArn) throw new Error('The table has no stream: the outbox sender needs one');
    sender.fn.addEventSourceMapping('TableStream', {
      eventSourceArn: streamArn,
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: 10,
      maxBatchingWindow: Duration.seconds(1),
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      retryAttempts: 5,
      maxRecordAge: Duration.hours(6),
      onFailure: new SqsDlq(deadLetters),
      filters: [
        FilterCriteria.filter({
          eventName: FilterRule.isEqual('INSERT'),
          dynamodb: { NewImage: { type: { S: FilterRule.or('outbox', 'sign-in-request') } } },
        }),
      ],
    });
    // Written out rather than table.grantStreamRead(), which adds dynamodb:ListStreams on "*".
    sender.role.addToPolicy(
      new PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [streamArn],
      }),
    );
    const tableStreams = `${table.tableArn}/stream/*`;
    sender.role.addToPolicy(new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: [tableStreams] }));
    acknowledgeWildcardResource(
      sender.role,
      tableStreams,
      'dynamodb:ListStreams (which Lambda\'s stream poller needs) names streams of this one table only; the stream ' +
        'label is a creation timestamp unknown until deploy. Record reads are on the exact stream ARN.',
    );

    const identityArn = `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${settings.sesIdentity}`;
    sender.role.addToPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: [identityArn],
        conditions: { StringEquals: { 'ses:FromAddress': settings.mailFromAddress } },
      }),
    );
    return sender;
  }
}
