import { defineRoute } from '../lib/http/handler.js';
import { confirmSenderCode, senderCodeConfirmSchema } from '../lib/domain/settings/sender-verification.js';
import { senderVerificationDeps } from '../lib/wiring.js';

export const handler = defineRoute('sender-verification-confirm', { body: senderCodeConfirmSchema }, async ({ caller, body }) => {
  const notification = await confirmSenderCode(await senderVerificationDeps(), caller, body);
  return { body: { notificationSender: body.address.toLowerCase(), notificationSenderVerified: true, notification } };
});
