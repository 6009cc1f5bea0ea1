import { Logger } from '@aws-lambda-powertools/logger';

/** One logger per cold start. Never log request bodies: they can hold passwords. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'sharelink' });
