/** The floor plus Powertools' logger and its middy middleware, as every function logs. */
import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { floorHandler } from './recipient-sdk.js';

const logger = new Logger({ serviceName: 'bench' });

export const handler = middy(floorHandler).use(injectLambdaContext(logger, { resetKeys: true }));
