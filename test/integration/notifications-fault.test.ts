/**
 * Sending email never blocks or loses a share. With the local SES stopped,
 * creating a share with a recipient still answers 201; the notify function fails, the stream
 * poller retries with growing pauses (as the deployed event source mapping does), and once
 * SES is back the email arrives exactly once. While SES is stopped, its port answers 503
 * (SES "Service Unavailable") and counts the attempts, so the test sees the sends fail.
 * The shared e2e runtime lives in another process, so this file starts its own runtime to
 * stop and start its SES.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocal, type LocalRuntime } from '../../bin/local/runtime.js';
import { api, signIn } from '../support/local-runtime.js';
import { partnerAddress, sentTo, storedEmails, waitForEmails } from './notifications-inbox.js';

let runtime: LocalRuntime;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'sharelink-email-fault-'));
  runtime = await startLocal({ dataDir, port: 0, sesPort: 0, quiet: true });
}, 240_000);

afterAll(async () => {
  await runtime?.ses.start();
  await runtime?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('an SES outage', () => {
  it('does not block creating a share, and the email arrives exactly once when SES is back', async () => {
    const owner = api(runtime.url, await signIn(runtime.url, runtime.demo.email, runtime.demo.password));
    // The verified sign-in address needs no code: saving it is its proof.
    expect((await owner.put('/api/me/settings', { notificationSender: runtime.demo.email })).status).toBe(200);
    const upload = await owner.post<{ url: string; headers: Record<string, string> }>('/api/files/uploads', {
      path: 'outage/report.pdf',
      size: 5,
      contentType: 'application/pdf',
    });
    expect(upload.status).toBe(200);
    expect((await fetch(upload.body.url, { method: 'PUT', headers: upload.body.headers, body: 'hello' })).ok).toBe(true);

    await runtime.ses.stop();
    await expect(fetch(`${runtime.inboxUrl}/store`)).rejects.toThrow();
    let attempts = 0;
    const outage: Server = createServer((_request, response) => {
      attempts++;
      response
        .writeHead(503, { 'content-type': 'text/xml' })
        .end('<ErrorResponse><Error><Code>ServiceUnavailable</Code><Message>down</Message></Error></ErrorResponse>');
    });
    await new Promise<void>((resolve) => outage.listen(Number(new URL(runtime.inboxUrl).port), '127.0.0.1', resolve));

    const partner = partnerAddress();
    const created = await owner.post<{ id: string }>('/api/shares', {
      items: [{ path: 'outage/report.pdf' }],
      recipients: [partner],
      message: 'Sent during an outage',
    });
    expect(created.status).toBe(201);
    // The notify function tried (and the SDK retried) against the outage, and failed the record.
    await expect.poll(() => attempts, { timeout: 20_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    await sleep(1000);
    await new Promise<void>((resolve) => {
      outage.close(() => resolve());
      outage.closeAllConnections();
    });

    await runtime.ses.start();
    const [email] = await waitForEmails(runtime.inboxUrl, sentTo(partner), 1, 45_000);
    expect(email!.body.text).toContain(`${runtime.url}/s/${created.body.id}`);
    expect(email!.body.text).toContain('Sent during an outage');

    // Later retries and the stream moving on must not send it again.
    await sleep(3000);
    expect((await storedEmails(runtime.inboxUrl)).filter(sentTo(partner))).toHaveLength(1);
    expect(existsSync(path.join(dataDir, 'stream-dead-letters.jsonl'))).toBe(false);
  }, 120_000);
});
