/**
 * Headers CloudFront adds on the way to the API. The viewer-address function writes the
 * viewer's own IP into `VIEWER_ADDRESS_HEADER`; the origin adds the secret `ORIGIN_VERIFY_HEADER`,
 * and handlers believe the first only together with the second.
 */
export const VIEWER_ADDRESS_HEADER = 'x-viewer-address';
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';
