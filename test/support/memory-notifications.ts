import type { HeldPassword, Mailer, NotificationStore, NotifyLog, OutgoingEmail } from '../../functions/lib/domain/ports.js';

/**
 * In-memory notification store with the DynamoDB adapter's rules: expiry checked on read,
 * and the alert window claimed atomically (no await inside a method).
 */
export class MemoryNotificationStore implements NotificationStore {
  readonly passwords = new Map<string, { held: HeldPassword; expiresAtEpoch: number }>();
  readonly sent = new Map<string, number>();
  readonly windows = new Map<string, { ends: number; claimant: string }>();

  async holdPassword(shareId: string, held: HeldPassword, expiresAtEpoch: number) {
    this.passwords.set(shareId, { held: { ...held }, expiresAtEpoch });
  }

  async heldPassword(shareId: string, nowEpoch: number) {
    const entry = this.passwords.get(shareId);
    return entry && entry.expiresAtEpoch > nowEpoch ? { ...entry.held } : undefined;
  }

  async releasePassword(shareId: string) {
    this.passwords.delete(shareId);
  }

  async sentKeys(shareId: string, keyPrefix: string) {
    const prefix = `${shareId}|${keyPrefix}`;
    return new Set([...this.sent.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(shareId.length + 1)));
  }

  async markSent(shareId: string, key: string, expiresAtEpoch: number) {
    this.sent.set(`${shareId}|${key}`, expiresAtEpoch);
  }

  async claimAlertWindow(shareId: string, subject: string, claimant: string, atEpoch: number, windowSeconds: number) {
    const key = `${shareId}|${subject}`;
    const open = this.windows.get(key);
    if (open && open.ends > atEpoch && open.claimant !== claimant) return false;
    this.windows.set(key, { ends: atEpoch + windowSeconds, claimant });
    return true;
  }
}

/** Records every email; `failNext(n)` makes the next n sends throw, as SES would when down. */
export class RecordingMailer implements Mailer {
  readonly sent: OutgoingEmail[] = [];
  private failures = 0;

  failNext(count = 1): this {
    this.failures = count;
    return this;
  }

  async send(email: OutgoingEmail) {
    if (this.failures > 0) {
      this.failures--;
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8005'), { name: 'TimeoutError' });
    }
    this.sent.push(email);
  }

  to(address: string): OutgoingEmail[] {
    return this.sent.filter((email) => email.to === address);
  }
}

/** Keeps log lines so tests can check what was (not) logged. */
export class MemoryLog implements NotifyLog {
  readonly lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  info(message: string, attributes: Record<string, unknown>) {
    this.lines.push({ level: 'info', message, attributes });
  }
  warn(message: string, attributes: Record<string, unknown>) {
    this.lines.push({ level: 'warn', message, attributes });
  }
  error(message: string, attributes: Record<string, unknown>) {
    this.lines.push({ level: 'error', message, attributes });
  }
}
