import { describe, expect, it } from 'vitest';
import { downloadAlertEmail, MAX_EMAIL_NAME, partnerEmail, shortName } from '../../../../functions/lib/domain/notify/email-templates.js';

const longName = `${'Quarterly revenue forecast and board pack '.repeat(5)}final v3.pdf`;

describe('long names in emails', () => {
  it('cuts a name in the middle to at most 80 characters, keeping its start and its extension', () => {
    const short = shortName(longName);
    expect(Array.from(short)).toHaveLength(MAX_EMAIL_NAME);
    expect(short.startsWith('Quarterly revenue forecast')).toBe(true);
    expect(short.endsWith('final v3.pdf')).toBe(true);
    expect(short).toContain('…');
    expect(shortName('report.pdf')).toBe('report.pdf');
  });

  it('shows the shortened name in the partner email and the download alert, subject and body', () => {
    const partner = partnerEmail({
      ownerName: 'owner@example.com',
      link: 'https://share.example.com/s/AbCdEfGhIjKlMnOpQrStUv',
      itemNames: [longName],
      message: null,
      expiresAt: null,
      requiresPassword: false,
    });
    const alert = downloadAlertEmail({
      file: longName,
      at: '2026-03-08T12:00:00.000Z',
      userAgent: 'Mozilla/5.0',
      client: 'c1',
      manageLink: 'https://share.example.com/#/links/AbCdEfGhIjKlMnOpQrStUv',
      shareLabel: longName,
    });
    for (const email of [partner, alert]) {
      for (const part of [email.subject, email.text, email.html]) {
        expect(part).not.toContain(longName);
        expect(part).toContain(shortName(longName));
      }
    }
  });
});
