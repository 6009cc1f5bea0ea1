/**
 * Where the OpenAPI document lives on the site. The web build writes it under this path
 * (`<web build>/api/openapi.json`); CloudFront serves that path from the web bucket ahead of its
 * `/api/*` behaviour, and the local runtime's front server does the same ahead of its gateway.
 */
export const OPENAPI_DOCUMENT_PATH = '/api/openapi.json';
