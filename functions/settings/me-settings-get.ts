import { defineRoute } from '../lib/http/handler.js';
import { isProven } from '../lib/domain/senders.js';
import { securityStore, shareRepository } from '../lib/wiring.js';

export const handler = defineRoute('me-settings-get', {}, async ({ caller }) => {
  const { notificationSender } = await shareRepository().getUserSettings(caller.userId);
  // A sender saved before proofs existed is shown, but unproved: it is not used until confirmed.
  const notificationSenderVerified = notificationSender !== null && (await isProven(securityStore(), caller.userId, notificationSender));
  return { body: { notificationSender, notificationSenderVerified } };
});
