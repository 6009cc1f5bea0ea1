import { randomBytes } from 'node:crypto';

/** Reading aws-ses-v2-local's store (`GET <inboxUrl>/store`), where every email the app sends lands. */
export interface StoredEmail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** epoch seconds */
  at: number;
}

export async function storedEmails(inboxUrl: string): Promise<StoredEmail[]> {
  const response = await fetch(`${inboxUrl}/store`);
  if (!response.ok) throw new Error(`GET ${inboxUrl}/store answered ${response.status}`);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
}

/** Waits until at least `count` stored emails match, and returns the matching ones. */
export async function waitForEmails(
  inboxUrl: string,
  match: (email: StoredEmail) => boolean,
  count = 1,
  timeoutMs = 30_000,
): Promise<StoredEmail[]> {
  const started = Date.now();
  for (;;) {
    const found = (await storedEmails(inboxUrl).catch(() => [] as StoredEmail[])).filter(match);
    if (found.length >= count) return found;
    if (Date.now() - started > timeoutMs)
      throw new Error(`expected ${count} matching email(s) within ${timeoutMs} ms, found ${found.length}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const sentTo = (address: string) => (email: StoredEmail) => email.destination.to.includes(address);

/** A recipient address nobody else uses, so a test finds exactly its own emails. */
export const partnerAddress = () => `partner-${randomBytes(5).toString('hex')}@partner.example`;

/** The share link in an email's HTML part (the button's href). */
export function linkIn(html: string): string {
  const match = /<a href="([^"]+\/s\/[A-Za-z0-9_-]+)"/.exec(html);
  if (!match) throw new Error('no share link in the email');
  return match[1]!.replace(/&amp;/g, '&');
}

/** The 6-digit code in a sender verification email (its subject says "Your ShareLink code: 123456"). */
export function codeIn(email: StoredEmail): string {
  const match = /Your ShareLink code: (\d{6})/.exec(email.subject);
  if (!match) throw new Error(`no code in the email "${email.subject}"`);
  return match[1]!;
}

/**
 * Proves a sender address the way a person does (a code emailed to it, typed back) and makes it
 * the owner's sender. Only the newest code works, so the newest email to the address is read.
 * An address this owner proved before (in another file of the run) is simply saved: an owner may
 * ask for 5 codes an hour, and the e2e files share one owner.
 */
export async function proveSender(baseUrl: string, inboxUrl: string, token: string, address: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const saved = await fetch(`${baseUrl}/api/me/settings`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({ notificationSender: address }),
  });
  if (saved.status === 200) return;
  const before = (await storedEmails(inboxUrl)).filter(sentTo(address)).length;
  const sent = await fetch(`${baseUrl}/api/me/sender-verification`, { method: 'POST', headers, body: JSON.stringify({ address }) });
  if (sent.status !== 202) throw new Error(`asking for a code answered ${sent.status}: ${await sent.text()}`);
  const emails = await waitForEmails(inboxUrl, sentTo(address), before + 1);
  const code = codeIn(emails.at(-1)!);
  const confirmed = await fetch(`${baseUrl}/api/me/sender-verification/confirm`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ address, code }),
  });
  if (confirmed.status !== 200) throw new Error(`confirming the code answered ${confirmed.status}: ${await confirmed.text()}`);
}
