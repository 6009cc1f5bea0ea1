import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../bin/openapi.js';
import { OPENAPI_DOCUMENT_PATH } from '../../functions/lib/contract/api/location.js';
import { baseUrl } from './client.js';

describe('the OpenAPI document on the site', () => {
  it(`is served at ${OPENAPI_DOCUMENT_PATH} from the web build, ahead of the API, as generated from the route table`, async () => {
    const response = await fetch(`${baseUrl()}${OPENAPI_DOCUMENT_PATH}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    // Not an answer of API Gateway: the static site's headers, not the gateway's request id.
    expect(response.headers.get('apigw-requestid')).toBeNull();
    expect(await response.json()).toEqual(await openApiDocument());
  });
});
