import { TEST_ENV } from '../env.js';
import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { DOWNLOAD_URL_TTL_SECONDS, S3FileStore } from '../../../functions/lib/adapters/file-store.js';
import { fileStore } from '../../../functions/lib/wiring.js';
import { contentDisposition } from '../../../functions/lib/domain/disposition.js';
import { parsePresigned, verifyPresignedUrl } from './sigv4.js';

const CREDENTIALS = { accessKeyId: 'AKIDSHARELINKTEST', secretAccessKey: 'sharelink/unit+test/secret/key' };
const REGION = 'eu-central-1';
const BUCKET = 'sharelink-files-test';
const KEY = 'users/sub-1/docs/q3/Bericht "Q3" ü (final).pdf';
const DISPOSITION = contentDisposition('Bericht "Q3" ü (final).pdf');

const storeFor = (forcePathStyle: boolean) =>
  new S3FileStore(
    new S3Client({
      region: REGION,
      forcePathStyle,
      credentials: CREDENTIALS,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    BUCKET,
  );

/** Replaces one query parameter's value in a URL, leaving the signature as it was. */
function withParam(href: string, name: string, value: string | undefined): string {
  const url = new URL(href);
  const pairs = url.search
    .slice(1)
    .split('&')
    .filter((pair) => value !== undefined || !pair.startsWith(`${name}=`))
    .map((pair) => (pair.startsWith(`${name}=`) ? `${name}=${encodeURIComponent(value!)}` : pair));
  return `${url.origin}${url.pathname}?${pairs.join('&')}`;
}

const get = (nowMs?: number) => ({ secretAccessKey: CREDENTIALS.secretAccessKey, method: 'GET' as const, ...(nowMs ? { nowMs } : {}) });

describe('the SigV4 verifier used by these tests', () => {
  it('accepts the example presigned URL from the AWS S3 documentation', () => {
    const url =
      'https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
      '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z' +
      '&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404';
    const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const at = Date.parse('2013-05-24T01:00:00Z');
    expect(verifyPresignedUrl(url, { secretAccessKey, method: 'GET', nowMs: at })).toEqual({ valid: true });
    expect(verifyPresignedUrl(url.replace('test.txt', 'test.txu'), { secretAccessKey, method: 'GET', nowMs: at })).toEqual({
      valid: false,
      reason: 'signature mismatch',
    });
    expect(verifyPresignedUrl(url, { secretAccessKey, method: 'GET', nowMs: Date.parse('2013-05-25T00:00:01Z') })).toEqual({
      valid: false,
      reason: 'expired',
    });
  });
});

describe.each([
  ['path-style (local emulator)', true],
  ['virtual-host-style (AWS)', false],
])('presigned download URLs, %s', (_, pathStyle) => {
  const store = storeFor(pathStyle);

  it('are correctly signed and live at most 5 minutes', async () => {
    const { url, expiresAt } = await store.presignDownload(KEY, DISPOSITION);
    expect(verifyPresignedUrl(url, get())).toEqual({ valid: true });
    const parts = parsePresigned(new URL(url));
    expect(parts.expiresSeconds).toBeLessThanOrEqual(300);
    expect(DOWNLOAD_URL_TTL_SECONDS).toBeLessThanOrEqual(300);
    expect(parts).toMatchObject({ accessKeyId: CREDENTIALS.accessKeyId, region: REGION, service: 's3', signedHeaders: ['host'] });
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    const signedAt = Date.parse(parts.amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
    expect(verifyPresignedUrl(url, get(signedAt + 299_000))).toEqual({ valid: true });
    expect(verifyPresignedUrl(url, get(signedAt + 301_000))).toEqual({ valid: false, reason: 'expired' });
  });

  it('name exactly one object', async () => {
    const url = new URL((await store.presignDownload(KEY, DISPOSITION)).url);
    const path = url.pathname.split('/').map(decodeURIComponent).join('/');
    if (pathStyle) {
      expect(url.host).toBe(`s3.${REGION}.amazonaws.com`);
      expect(path).toBe(`/${BUCKET}/${KEY}`);
    } else {
      expect(url.host).toBe(`${BUCKET}.s3.${REGION}.amazonaws.com`);
      expect(path).toBe(`/${KEY}`);
    }
    const names = parsePresigned(url).params.map(([name]) => name);
    for (const listing of ['prefix', 'list-type', 'delimiter', 'continuation-token', 'uploads']) expect(names).not.toContain(listing);
    expect(names.filter((n) => !n.startsWith('X-Amz-')).sort()).toEqual(['response-content-disposition', 'x-id']);
  });

  it('make S3 answer with the alias as an attachment', async () => {
    const url = new URL((await store.presignDownload(KEY, DISPOSITION)).url);
    expect(parsePresigned(url).params.find(([name]) => name === 'response-content-disposition')?.[1]).toBe(DISPOSITION);
  });

  it('stop working when the object key is changed', async () => {
    const { url } = await store.presignDownload(KEY, DISPOSITION);
    const other = url.replace(encodeURIComponent('q3'), 'q4');
    expect(other).not.toBe(url);
    expect(verifyPresignedUrl(other, get())).toEqual({ valid: false, reason: 'signature mismatch' });
    const sibling = url.replace('/docs/', '/private/');
    expect(verifyPresignedUrl(sibling, get())).toEqual({ valid: false, reason: 'signature mismatch' });
  });

  it('stop working when the expiry is stretched', async () => {
    const { url } = await store.presignDownload(KEY, DISPOSITION);
    expect(verifyPresignedUrl(withParam(url, 'X-Amz-Expires', '3600'), get())).toEqual({ valid: false, reason: 'signature mismatch' });
    expect(verifyPresignedUrl(withParam(url, 'X-Amz-Date', '20990101T000000Z'), get())).toMatchObject({ valid: false });
  });

  it('stop working when the file name or disposition is changed or dropped', async () => {
    const { url } = await store.presignDownload(KEY, DISPOSITION);
    expect(verifyPresignedUrl(withParam(url, 'response-content-disposition', 'inline; filename="evil.html"'), get())).toEqual({
      valid: false,
      reason: 'signature mismatch',
    });
    expect(verifyPresignedUrl(withParam(url, 'response-content-disposition', undefined), get())).toEqual({
      valid: false,
      reason: 'signature mismatch',
    });
    expect(verifyPresignedUrl(`${url}&response-content-type=text%2Fhtml`, get())).toEqual({ valid: false, reason: 'signature mismatch' });
  });

  it('are useless without the secret key or for another method', async () => {
    const { url } = await store.presignDownload(KEY, DISPOSITION);
    expect(verifyPresignedUrl(url, { ...get(), secretAccessKey: 'another-secret' })).toEqual({
      valid: false,
      reason: 'signature mismatch',
    });
    expect(verifyPresignedUrl(url, { ...get(), method: 'PUT' })).toEqual({ valid: false, reason: 'signature mismatch' });
  });
});

describe.each([
  ['path-style (local emulator)', true],
  ['virtual-host-style (AWS)', false],
])('presigned upload URLs, %s', (_, pathStyle) => {
  const store = storeFor(pathStyle);
  const key = 'users/sub-1/inbox/new file+1.bin';
  const put = (headers: Record<string, string>) => ({ secretAccessKey: CREDENTIALS.secretAccessKey, method: 'PUT' as const, headers });

  it('sign the content type and length the browser must send', async () => {
    const { url, headers } = await store.presignUpload(key, 4096, 'application/pdf');
    expect(headers).toEqual({ 'content-type': 'application/pdf' });
    expect(parsePresigned(new URL(url)).signedHeaders).toEqual(['content-length', 'content-type', 'host']);
    expect(verifyPresignedUrl(url, put({ 'content-type': 'application/pdf', 'content-length': '4096' }))).toEqual({ valid: true });
  });

  it('refuse a body of another size or type', async () => {
    const { url } = await store.presignUpload(key, 4096, 'application/pdf');
    expect(verifyPresignedUrl(url, put({ 'content-type': 'application/pdf', 'content-length': '4097' }))).toEqual({
      valid: false,
      reason: 'signature mismatch',
    });
    expect(verifyPresignedUrl(url, put({ 'content-type': 'text/html', 'content-length': '4096' }))).toEqual({
      valid: false,
      reason: 'signature mismatch',
    });
  });

  it('name exactly the one key', async () => {
    const { url } = await store.presignUpload(key, 1, 'text/plain');
    const path = new URL(url).pathname.split('/').map(decodeURIComponent).join('/');
    expect(path).toBe(pathStyle ? `/${BUCKET}/${key}` : `/${key}`);
    expect(verifyPresignedUrl(url.replace('inbox', 'outbox'), put({ 'content-type': 'text/plain', 'content-length': '1' }))).toMatchObject({
      valid: false,
    });
  });
});

describe('the file store the handlers use (functions/lib/wiring.ts)', () => {
  it('presigns uploads a browser can use: no checksum header or parameter it cannot compute', async () => {
    const { url } = await fileStore().presignUpload('users/sub-1/a.txt', 10, 'text/plain');
    const names = parsePresigned(new URL(url)).params.map(([name]) => name.toLowerCase());
    expect(names.filter((name) => name.includes('checksum'))).toEqual([]);
    expect(
      verifyPresignedUrl(url, {
        secretAccessKey: TEST_ENV.AWS_SECRET_ACCESS_KEY,
        method: 'PUT',
        headers: { 'content-type': 'text/plain', 'content-length': '10' },
      }),
    ).toEqual({ valid: true });
  });
});
