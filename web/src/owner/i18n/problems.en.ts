/**
 * Owner-facing API errors by stable code, for pages not in English (`owner/lib/problems.ts`):
 * English shows the server's own sentence, which names the case.
 */
const problemsEn = {
  'problem.withDetail': '{text}: {detail}',
  'problem.UNAUTHORIZED': 'Your session has ended. Please sign in again.',
  'problem.FORBIDDEN': 'Only administrators can do this.',
  'problem.SHARE_NOT_FOUND': 'This link does not exist or is not yours.',
  'problem.REQUEST_NOT_FOUND': 'This upload link does not exist or is not yours.',
  'problem.ADMIN_SENDER_ENFORCED': "Emails are sent from your administrator's address; it cannot be changed here.",
  'problem.EMAIL_DISABLED': 'This ShareLink sends no email: remove the recipients and the download alerts, and send the link yourself.',
  'problem.SENDER_NOT_ALLOWED': 'This address cannot send email for this ShareLink: use one within the domain your administrator set up.',
  'problem.SENDER_NOT_VERIFIED': 'Confirm this address first: ShareLink sends a code to it, so only its owner can use it as a sender.',
  'problem.SENDER_CODE_INVALID': 'This code does not work: type the one from the latest email, or send a new code.',
  'problem.NOTIFICATION_SENDER_NOT_CONFIGURED':
    'No sender address is configured for emails: set one in your personal settings, or ask an administrator to set a system sender.',
  'problem.EMAIL_LIMIT_REACHED': 'You reached the number of partners you can email today; the count starts again at 00:00 UTC.',
  'problem.CONFLICT': 'This cannot be done as things stand now',
  'problem.VALIDATION_FAILED': 'Check what you entered',
  'problem.POLICY_VIOLATION': "Your organisation's policy does not allow this",
  'problem.NOT_FOUND': 'This no longer exists',
  'problem.FILE_NOT_FOUND': 'This file no longer exists',
  'problem.PAYLOAD_TOO_LARGE': 'This is too large',
};

export default problemsEn;
