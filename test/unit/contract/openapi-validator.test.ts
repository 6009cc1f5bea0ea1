import { beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../bin/openapi.js';
import { responseValidatorFor, type ResponseValidator } from '../../support/openapi-validator.js';

let validator: ResponseValidator;
beforeAll(async () => {
  validator = responseValidatorFor(await openApiDocument());
});

const share = {
  id: 'q0b6Jx3bqK7rY1ZC2wT4vA',
  url: 'https://files.example.com/s/q0b6Jx3bqK7rY1ZC2wT4vA',
  items: [{ path: 'docs/q3/report.pdf', alias: 'Q3 report.pdf', kind: 'file' }],
  status: 'active',
  createdAt: '2026-11-27T08:00:00.000Z',
  expiresAt: null,
  cancelledAt: null,
  allowDownload: true,
  requiresPassword: true,
  deviceBinding: false,
  deviceBound: false,
  downloadCount: 0,
  maxDownloads: null,
  recipients: [],
  verifyRecipients: false,
  partners: [],
  message: null,
  notifyOnDownload: false,
};

describe('checking answers against the OpenAPI document', () => {
  it('accepts an answer the document allows, matched by method and path template', () => {
    expect(() => validator.check('GET', '/api/shares/q0b6Jx3bqK7rY1ZC2wT4vA?x=1', 200, share)).not.toThrow();
    expect(() => validator.check('POST', '/api/shares', 201, { ...share, password: 'abcd2345' })).not.toThrow();
    expect(() => validator.check('DELETE', '/api/shares/q0b6Jx3bqK7rY1ZC2wT4vA', 204, undefined)).not.toThrow();
  });

  it('refuses a body with a field the document does not have, or a wrong value, naming the route and the field', () => {
    expect(() => validator.check('GET', '/api/shares/abc', 200, { ...share, secret: 1 })).toThrow(
      /GET \/api\/shares\/\{id\} \(GET \/api\/shares\/abc\) answered 200 .*must NOT have additional properties/,
    );
    expect(() => validator.check('GET', '/api/shares/abc', 200, { ...share, status: 'paused' })).toThrow(
      /\/status must be equal to one of/,
    );
  });

  it('refuses a status the route does not list, an error code of another route, and a body on a 204', () => {
    expect(() => validator.check('GET', '/api/me', 418, {})).toThrow(/answered 418, which the OpenAPI document does not list/);
    expect(() => validator.check('GET', '/api/me', 404, { error: { code: 'NOT_FOUND', message: 'x' } })).toThrow(/does not list/);
    const wrongCode = { error: { code: 'SHARE_NOT_FOUND', message: 'This link does not exist.' } };
    expect(() => validator.check('GET', '/api/shares/abc', 404, wrongCode)).toThrow(/\/error\/code must be equal to one of/);
    expect(() => validator.check('DELETE', '/api/shares/abc', 204, {})).toThrow(/with a body/);
  });

  it("accepts API Gateway's own 401 on owner routes, and leaves paths of no operation alone", () => {
    expect(() => validator.check('GET', '/api/me', 401, { message: 'Unauthorized' })).not.toThrow();
    expect(() => validator.check('GET', '/api/public/shares/abc', 401, { message: 'Unauthorized' })).toThrow(/does not list/);
    expect(() => validator.check('GET', '/api/nope', 404, { message: 'Not Found' })).not.toThrow();
  });
});
