import { SendEmailCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Mailer, OutgoingEmail } from '../domain/ports.js';

/** Sends through SES (v1 SendEmail): one recipient per email, HTML and text parts in UTF-8. */
export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESClient,
    /** SES configuration set (bounce/complaint handling, reputation metrics), when deployed with one. */
    private readonly configurationSetName: string | undefined,
  ) {}

  async send(email: OutgoingEmail): Promise<void> {
    await this.client.send(
      new SendEmailCommand({
        Source: email.from,
        Destination: { ToAddresses: [email.to] },
        ...(email.replyTo ? { ReplyToAddresses: [email.replyTo] } : {}),
        Message: {
          Subject: { Data: email.subject, Charset: 'UTF-8' },
          Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
        },
        ...(this.configurationSetName ? { ConfigurationSetName: this.configurationSetName } : {}),
      }),
    );
  }
}
