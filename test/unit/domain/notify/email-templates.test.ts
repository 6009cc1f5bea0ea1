import { describe, expect, it } from 'vitest';
import {
  describeDevice,
  downloadAlertEmail,
  escapeHtml,
  formatInstant,
  partnerEmail,
  subjectLine,
} from '../../../../functions/lib/domain/notify/email-templates.js';

const XSS = '<img src=x onerror=alert(1)>';

const partner = (overrides: Partial<Parameters<typeof partnerEmail>[0]> = {}) =>
  partnerEmail({
    ownerName: 'owner@example.com',
    link: 'https://share.example.com/s/AbCdEfGhIjKlMnOpQrStUv',
    itemNames: ['report.pdf'],
    message: 'Here are the Q3 numbers.',
    expiresAt: '2026-03-08T12:00:00.000Z',
    requiresPassword: true,
    ...overrides,
  });

describe('escaping', () => {
  it('turns every HTML-significant character into an entity', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('keeps an alias like <img src=x onerror=alert(1)> as text in the HTML part, and as it is in the text part', () => {
    const email = partner({ itemNames: [XSS, 'b.txt'] });
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(email.text).toContain(`- ${XSS}`);
  });

  it('escapes the message and the owner name, and keeps the message line breaks', () => {
    const email = partner({
      ownerName: `"><script>alert(1)</script>`,
      message: `Hi <b>you</b>\nsee <a href="javascript:alert(1)">this</a>`,
    });
    expect(email.html).not.toMatch(/<script|<b>|<a href="javascript/);
    expect(email.html).toContain('Hi &lt;b&gt;you&lt;/b&gt;<br>see &lt;a href=&quot;javascript:alert(1)&quot;&gt;this&lt;/a&gt;');
    expect(email.html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.text).toContain('Hi <b>you</b>\nsee <a href="javascript:alert(1)">this</a>');
  });

  it('escapes the file name, device and client of a download alert', () => {
    const email = downloadAlertEmail({
      file: `Photos/${XSS}.jpg`,
      at: '2026-03-01T12:00:00.000Z',
      userAgent: `<script>x</script>`,
      client: '<b>hash</b>',
      manageLink: 'https://share.example.com/#/links/abc',
      shareLabel: `${XSS} and 2 more`,
    });
    expect(email.html).not.toMatch(/<img|<script|<b>/);
    expect(email.html).toContain('Photos/&lt;img src=x onerror=alert(1)&gt;.jpg');
    expect(email.text).toContain(`Photos/${XSS}.jpg`);
  });

  it('never lets a subject span lines (no header injection)', () => {
    expect(subjectLine('Downloaded: a\r\nBcc: victim@example.com')).toBe('Downloaded: a Bcc: victim@example.com');
    const email = partner({ itemNames: ['evil\r\nBcc: x@example.com.pdf'] });
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(subjectLine('x'.repeat(500)).length).toBeLessThanOrEqual(140);
  });
});

describe('the partner email', () => {
  it('is well formed: a subject naming the owner and the file, a full HTML document and a text part', () => {
    const email = partner();
    expect(email.subject).toBe('owner@example.com shared "report.pdf" with you');
    expect(email.html).toMatch(/^<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">/);
    expect(email.html.trim()).toMatch(/<\/html>$/);
    expect(email.html).toContain('<title>owner@example.com shared &quot;report.pdf&quot; with you</title>');
    expect(email.text).not.toMatch(/<[a-z]/i);
  });

  it('carries the link (as a button and as text), the owner, the message and the expiry', () => {
    const email = partner();
    const link = 'https://share.example.com/s/AbCdEfGhIjKlMnOpQrStUv';
    expect(email.html).toContain(`<a href="${link}"`);
    expect(email.text).toContain(`Open: ${link}`);
    for (const part of [email.html, email.text]) {
      expect(part).toContain('owner@example.com');
      expect(part).toContain('Here are the Q3 numbers.');
      expect(part).toContain('8 March 2026 at 12:00 UTC');
    }
  });

  it('says a link never expires when it has no expiry', () => {
    const email = partner({ expiresAt: null });
    expect(email.text).toContain('The link never expires.');
    expect(email.html).toContain('The link never expires.');
  });

  it('contains no password unless one is given, and says how to get it', () => {
    const without = partner();
    expect(without.text).not.toContain('Password:');
    expect(without.text).toContain('owner@example.com will give it to you separately');
    const withPassword = partner({ password: 'K7pQ2mXa' });
    expect(withPassword.text).toContain('Password: K7pQ2mXa');
    expect(withPassword.html).toContain('>K7pQ2mXa</code>');
    const open = partner({ requiresPassword: false });
    expect(open.text).not.toMatch(/password/i);
  });

  it('counts several items in the subject and lists at most 20 of them', () => {
    const names = Array.from({ length: 25 }, (_, i) => `file-${i + 1}.txt`);
    const email = partner({ itemNames: names });
    expect(email.subject).toBe('owner@example.com shared 25 items with you');
    expect(email.text).toContain('- file-20.txt');
    expect(email.text).not.toContain('file-21.txt');
    expect(email.text).toContain('- and 5 more');
  });

  it('leaves the message out when there is none', () => {
    expect(partner({ message: null }).html).not.toContain('<blockquote');
  });
});

describe('the download alert', () => {
  const alert = downloadAlertEmail({
    file: 'report.pdf',
    at: '2026-03-01T12:34:56.000Z',
    userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
    client: 'Qm9vbGVhbkhhc2hWYWx1ZQ',
    manageLink: 'https://share.example.com/#/links/abc',
    shareLabel: 'report.pdf',
  });

  it('names the file, the time, the device and the client hash, and links to the access log', () => {
    expect(alert.subject).toBe('Downloaded: report.pdf');
    for (const part of [alert.html, alert.text]) {
      expect(part).toContain('report.pdf');
      expect(part).toContain('1 March 2026 at 12:34 UTC');
      expect(part).toContain('Firefox 128 on Windows');
      expect(part).toContain('Qm9vbGVhbkhhc2hWYWx1ZQ');
      expect(part).toContain('https://share.example.com/#/links/abc');
    }
  });
});

describe('device and time descriptions', () => {
  it.each([
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
      'Safari 17 on macOS',
    ],
    [
      'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36',
      'Chrome 126 on Android',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0',
      'Edge 126 on Windows',
    ],
    ['curl/8.5.0', 'curl 8.5.0'],
    ['node', 'node'],
    ['', 'an unknown device'],
  ])('describes %j as %j', (userAgent, expected) => {
    expect(describeDevice(userAgent)).toBe(expected);
  });

  it('spells out UTC', () => {
    expect(formatInstant('2026-12-31T23:59:00Z')).toBe('31 December 2026 at 23:59 UTC');
  });
});
