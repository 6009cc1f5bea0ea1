/**
 * Checks answers of the API under test against its OpenAPI document, as the site serves it
 * (`/api/openapi.json`), so the document and the API cannot drift: the test HTTP helpers
 * (`test/integration/client.ts`, `api()` in `local-runtime.ts`) pass every answer through here,
 * and a body or status the document does not allow fails the test that received it.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { createRouter } from '../../bin/local/routing.js';
import { OPENAPI_DOCUMENT_PATH } from '../../functions/lib/contract/api/location.js';

interface DocumentedOperation {
  method: string;
  path: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

export interface ResponseValidator {
  /** Throws, naming the route and what is wrong, when the answer is not one the document allows. */
  check(method: string, url: string, status: number, body: unknown): void;
}

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext.
const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

/** A JSON pointer as a URI fragment: `/` and `~` escaped, then percent-encoded (`{id}`). */
const pointer = (...segments: string[]) =>
  segments.map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

export function responseValidatorFor(document: { paths: Record<string, Record<string, unknown>> }) {
  // The document is not a JSON Schema itself: its OpenAPI keywords are ignored, its schemas compiled.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');
  const operations: DocumentedOperation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      responses: (operation as { responses: DocumentedOperation['responses'] }).responses,
    })),
  );
  const router = createRouter(operations);
  const compiled = new Map<string, ValidateFunction>();
  const validatorOf = (operation: DocumentedOperation, status: string) => {
    const ref = `openapi.json#/${pointer('paths', operation.path, operation.method.toLowerCase(), 'responses', status, 'content', 'application/json', 'schema')}`;
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.getSchema(ref);
      if (!validate) throw new Error(`The OpenAPI document has no schema at ${ref}`);
      compiled.set(ref, validate);
    }
    return validate;
  };

  const validator: ResponseValidator = {
    check(method, url, status, body) {
      const { pathname } = new URL(url, 'http://api.invalid');
      const match = router.match(method, pathname);
      // Not an operation of the document: API Gateway's own 404 for unknown routes.
      if (!match) return;
      const { route: operation } = match;
      const where = `${method} ${operation.path} (${method} ${pathname})`;
      // A route whose answers are not documented yet (the unit tests name it) is not checked.
      if (!operation.responses[String(status)] && operation.responses.default && !operation.responses.default.content) return;
      const response = operation.responses[String(status)];
      if (!response) {
        throw new Error(
          `${where} answered ${status}, which the OpenAPI document does not list (it lists ${Object.keys(operation.responses).join(', ')}): ${JSON.stringify(body)}`,
        );
      }
      if (!response.content) {
        if (body !== undefined) throw new Error(`${where} answered ${status} with a body, which the OpenAPI document does not allow`);
        return;
      }
      const validate = validatorOf(operation, String(status));
      if (!validate(body)) {
        const problems = (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`).join('; ');
        throw new Error(
          `${where} answered ${status} with a body the OpenAPI document does not allow: ${problems}\nbody: ${JSON.stringify(body)}`,
        );
      }
    },
  };
  return validator;
}

const byBaseUrl = new Map<string, Promise<ResponseValidator>>();

/** The validator for the API at `baseUrl`, from the document it serves (fetched once per test file). */
export function responseValidator(baseUrl: string): Promise<ResponseValidator> {
  let validator = byBaseUrl.get(baseUrl);
  if (!validator) {
    validator = fetch(`${baseUrl}${OPENAPI_DOCUMENT_PATH}`).then(async (response) => {
      if (!response.ok) throw new Error(`GET ${OPENAPI_DOCUMENT_PATH} answered ${response.status}`);
      return responseValidatorFor((await response.json()) as Parameters<typeof responseValidatorFor>[0]);
    });
    byBaseUrl.set(baseUrl, validator);
  }
  return validator;
}

/** Checks one answer of the API at `baseUrl` (see `ResponseValidator.check`). */
export async function checkAnswer(baseUrl: string, method: string, path: string, status: number, body: unknown): Promise<void> {
  (await responseValidator(baseUrl)).check(method, path, status, body);
}
