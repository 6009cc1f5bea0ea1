/**
 * What CloudFront does at the edge besides serving files: the Content-Security-Policy it
 * adds to every response and the /s/* and /r/* rewrites. Plain strings (CDK tokens allowed inside),
 * no aws-cdk-lib import, so both can be read and tested alone.
 */
import { VIEWER_ADDRESS_HEADER } from '../functions/lib/contract/headers.js';

export interface CspOrigins {
  /** Cognito IdP endpoint origin the browser signs in against, e.g. https://cognito-idp.eu-west-1.amazonaws.com */
  cognito: string;
  /** Files bucket regional origin for presigned PUT/GET, e.g. https://<bucket>.s3.eu-west-1.amazonaws.com */
  files: string;
}

export function contentSecurityPolicy(origins: CspOrigins): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    // Only bundled scripts from /assets: no inline script, no eval.
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    // Previews (images, audio/video, PDF/text in a frame) come from presigned GETs on the files bucket.
    'img-src': ["'self'", 'data:', 'blob:', origins.files],
    'media-src': ["'self'", 'blob:', origins.files],
    'frame-src': [origins.files],
    'font-src': ["'self'"],
    // API (same origin), sign-in (Cognito), uploads and downloads (presigned S3 URLs).
    'connect-src': ["'self'", origins.cognito, origins.files],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Rewrites every viewer request of the `/r/*` behaviour to the uploader page of file requests (CloudFront Functions JS 2.0). */
export const requestRewriteFunctionCode = `function handler(event) {
  var request = event.request;
  request.uri = '/request.html';
  return request;
}`;

/** Rewrites every viewer request of the `/s/*` behaviour to the recipient page (CloudFront Functions JS 2.0). */
export const shareRewriteFunctionCode = `function handler(event) {
  var request = event.request;
  request.uri = '/share.html';
  return request;
}`;

/**
 * Runs on every `/api/*` viewer request: puts the viewer's own IP in a header, overwriting
 * whatever the client sent, so the API counts password attempts per viewer and not per
 * CloudFront edge (API Gateway sees only the edge). A header set here is a viewer header to
 * the origin request policy, so "all viewer headers except Host" forwards it.
 */
export const viewerAddressFunctionCode = `function handler(event) {
  var request = event.request;
  request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip };
  return request;
}`;
