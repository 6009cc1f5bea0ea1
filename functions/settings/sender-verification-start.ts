import { defineRoute } from '../lib/http/handler.js';
import { sendSenderCode, senderCodeRequestSchema } from '../lib/domain/settings/sender-verification.js';
import { senderVerificationDeps } from '../lib/wiring.js';

export const handler = defineRoute('sender-verification-start', { body: senderCodeRequestSchema }, async ({ caller, body }) => ({
  status: 202,
  body: await sendSenderCode(await senderVerificationDeps(), caller, body),
}));
