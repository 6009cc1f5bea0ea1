import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Route } from '../functions/routes.js';
import { acknowledge } from './nag.js';

/** Stage-wide limits: generous for people clicking, low enough to blunt scripted abuse. */
export const apiThrottle = { rateLimit: 50, burstLimit: 100 } as const;

export interface ApiProps {
  /** `iss` of the Cognito tokens. */
  issuerUrl: string;
  /** Accepted `aud` (IdTokens) / `client_id` (access tokens): the web app client. */
  audience: string;
}

/**
 * The HTTP API: one route per entry of functions/routes.ts, Cognito JWT authorizer on
 * owner and admin routes (the handlers check the `admins` group), none on public routes,
 * one `$default` stage with throttling and JSON access logs.
 */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  private readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `sharelink-${Stack.of(this).stackName}`,
      description: 'ShareLink API (served to browsers through CloudFront under /api/*)',
      // Created below with throttling and access logs.
      createDefaultStage: false,
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: apiThrottle,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        // Request line and outcome only: no headers, bodies or tokens.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    this.authorizer = new HttpJwtAuthorizer('Cognito', props.issuerUrl, { jwtAudience: [props.audience] });
  }

  /** Adds a group's routes of the route table, all served by the group's one function (one integration). */
  addRoutes(routes: readonly Route[], handler: IFunction): apigw.HttpRoute[] {
    const integration = new HttpLambdaIntegration(`${handler.node.id}-integration`, handler);
    return routes.map((route) => {
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        ...(route.auth === 'public' ? {} : { authorizer: this.authorizer }),
      });
      if (!httpRoute) throw new Error(`No route created for ${route.method} ${route.path}`);
      if (route.auth === 'public') {
        acknowledge(
          httpRoute,
          'AwsSolutions-APIG4',
          'Public recipient route: recipients have no account. The handler authorizes with the share password (rate-limited per link) or a short-lived HMAC access token bound to share, device and password version.',
        );
      }
      return httpRoute;
    });
  }
}
