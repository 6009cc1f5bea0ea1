import { SESClient } from '@aws-sdk/client-ses';

/** Created once per cold start; locally AWS_ENDPOINT_URL_SES points it at aws-ses-v2-local. */
export const ses = new SESClient({});
