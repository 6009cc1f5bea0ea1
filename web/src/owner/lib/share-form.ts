import { t } from '../i18n/index.js';
import { MAX_RECIPIENTS, parseAddresses } from './recipients.js';
import { daysFromNow, expiryChoiceOf, initialExpiryMode, localDateValue, type ExpiryMode } from './expiry.js';
import type { CreatedShare, CreateShareRequest, PasswordChoice, SelectedItem, SharePolicy } from '../types.js';

/**
 * The share dialog's state as one reducer: what the person typed and chose, and how the
 * submission went. `shareRequestOf` turns it into the API's request or says what to fix.
 */
export interface ShareForm {
  /** The name recipients see, by item path. */
  aliases: Record<string, string>;
  allowDownload: boolean;
  passwordMode: PasswordChoice['mode'];
  customPassword: string;
  expiryMode: ExpiryMode;
  /** The person picked an expiry: a policy read later no longer moves it. */
  expiryTouched: boolean;
  expiryDate: string;
  deviceBinding: boolean;
  maxDownloads: string;
  recipients: string[];
  /** Typed text not yet turned into recipients. */
  recipientDraft: string;
  recipientError?: string | undefined;
  message: string;
  includePassword: boolean;
  notifyOnDownload: boolean;
  /** Only the recipients may open the link, with a code emailed to them. */
  verifyRecipients: boolean;
  busy: boolean;
  error?: string | undefined;
  /** The API's code for `error`, when the API refused. */
  errorCode?: string | undefined;
  created?: CreatedShare | undefined;
}

/** The recipients list and field after the typed addresses were judged. */
export interface RecipientsUpdate {
  recipients: string[];
  draft: string;
}

export type ShareRequestResult =
  | { request: CreateShareRequest; recipients?: RecipientsUpdate | undefined }
  | { problem: string; recipients?: RecipientsUpdate | undefined };

/** Fields a plain input sets as it is. */
type SimpleField =
  | 'allowDownload'
  | 'passwordMode'
  | 'customPassword'
  | 'deviceBinding'
  | 'maxDownloads'
  | 'message'
  | 'includePassword'
  | 'notifyOnDownload'
  | 'verifyRecipients';

export type ShareFormAction =
  | { type: 'edit'; changes: Partial<Pick<ShareForm, SimpleField>> }
  | { type: 'alias'; path: string; value: string }
  /** The person chose an expiry mode or date. */
  | { type: 'expiry'; mode?: ExpiryMode; date?: string }
  /** A fresh policy arrived: the default expiry follows it until the person chose one. */
  | { type: 'policy'; defaultDays: number | undefined; maxDays: number | null }
  | { type: 'recipients'; recipients: string[]; draft: string; error: string | undefined }
  | { type: 'invalid'; error: string; recipients?: RecipientsUpdate | undefined }
  | { type: 'submitting'; recipients?: RecipientsUpdate | undefined }
  | { type: 'refused'; error: string; code: string | undefined }
  | { type: 'created'; created: CreatedShare };

export function initialShareForm(items: SelectedItem[], policy: SharePolicy | undefined): ShareForm {
  const maxDays = policy?.maxExpiryDays ?? null;
  return {
    aliases: Object.fromEntries(items.map((item) => [item.path, item.name])),
    allowDownload: true,
    passwordMode: 'auto',
    customPassword: '',
    expiryMode: initialExpiryMode(policy?.defaultExpiryDays, maxDays),
    expiryTouched: false,
    expiryDate: localDateValue(daysFromNow(Math.min(policy?.defaultExpiryDays ?? 14, maxDays ?? 14))),
    deviceBinding: false,
    maxDownloads: '',
    recipients: [],
    recipientDraft: '',
    message: '',
    includePassword: false,
    notifyOnDownload: false,
    verifyRecipients: false,
    busy: false,
  };
}

/** Custom passwords of share links: at least this long. */
const MIN_SHARE_PASSWORD = 8;

const noError = { error: undefined, errorCode: undefined };

export function shareFormReducer(state: ShareForm, action: ShareFormAction): ShareForm {
  switch (action.type) {
    // Any change may fix what the last attempt was refused for: its message goes until the next attempt.
    case 'edit':
      return { ...state, ...action.changes, ...noError };
    case 'alias':
      return { ...state, aliases: { ...state.aliases, [action.path]: action.value }, ...noError };
    case 'expiry':
      return {
        ...state,
        expiryMode: action.mode ?? state.expiryMode,
        expiryDate: action.date ?? state.expiryDate,
        expiryTouched: true,
        ...noError,
      };
    case 'policy':
      return state.expiryTouched ? state : { ...state, expiryMode: initialExpiryMode(action.defaultDays, action.maxDays) };
    case 'recipients':
      return { ...state, recipients: action.recipients, recipientDraft: action.draft, recipientError: action.error, ...noError };
    case 'invalid':
      return { ...withRecipients(state, action.recipients), error: action.error, errorCode: undefined };
    case 'submitting':
      return { ...withRecipients(state, action.recipients), busy: true, error: undefined, errorCode: undefined };
    case 'refused':
      return { ...state, busy: false, error: action.error, errorCode: action.code };
    case 'created':
      return { ...state, busy: false, created: action.created };
  }
}

function withRecipients(state: ShareForm, update: RecipientsUpdate | undefined): ShareForm {
  return update ? { ...state, recipients: update.recipients, recipientDraft: update.draft } : state;
}

/** Whether the email part of the form applies: addresses added or still being typed. */
export const hasRecipients = (form: ShareForm) => form.recipients.length > 0 || form.recipientDraft.trim() !== '';

/**
 * The API's request for the form, or the sentence saying what to fix. Addresses still in the
 * recipients field count too (nothing typed is silently dropped): `recipients` carries the
 * list and field as they become, valid or not.
 */
export function shareRequestOf(form: ShareForm, items: SelectedItem[], policy: SharePolicy | undefined): ShareRequestResult {
  const blank = items.find((item) => !(form.aliases[item.path] ?? '').trim());
  if (blank) return { problem: t('reqs.share.noAlias', { name: blank.name }) };
  let password: PasswordChoice;
  if (form.passwordMode === 'custom') {
    if (!form.customPassword) return { problem: t('reqs.share.noPassword') };
    // The API's rule (functions/lib/domain/passwords.ts), said before the request.
    if (form.customPassword.length < MIN_SHARE_PASSWORD) return { problem: t('reqs.share.shortPassword', { min: MIN_SHARE_PASSWORD }) };
    password = { mode: 'custom', value: form.customPassword };
  } else {
    password = { mode: form.passwordMode };
  }
  const expiry = expiryChoiceOf(form.expiryMode, form.expiryDate, policy?.maxExpiryDays ?? null);
  if (typeof expiry === 'string') return { problem: expiry };
  let limit: number | null = null;
  const maxDownloads = form.maxDownloads.trim();
  if (maxDownloads) {
    if (!/^\d+$/.test(maxDownloads) || Number(form.maxDownloads) < 1) {
      return { problem: t('reqs.share.badMaxDownloads') };
    }
    limit = Number(form.maxDownloads);
  }
  const { added, invalid } = parseAddresses(form.recipientDraft, form.recipients);
  const recipients = [...form.recipients, ...added];
  if (invalid.length) {
    return {
      problem: t('reqs.share.notAddresses', {
        count: invalid.length,
        addresses: invalid.map((piece) => t('reqs.share.quoted', { text: piece })).join(t('reqs.share.listSeparator')),
      }),
      recipients: { recipients, draft: invalid.join(', ') },
    };
  }
  const update = added.length ? { recipients, draft: '' } : undefined;
  if (recipients.length > MAX_RECIPIENTS) return { problem: t('reqs.share.tooMany', { max: MAX_RECIPIENTS }), recipients: update };
  return {
    recipients: update,
    request: {
      items: items.map((item) => ({ path: item.path, alias: (form.aliases[item.path] ?? item.name).trim() })),
      allowDownload: form.allowDownload,
      password,
      expiry,
      recipients,
      ...(form.message.trim() ? { message: form.message.trim() } : {}),
      includePasswordInEmail: recipients.length > 0 && form.passwordMode !== 'none' && form.includePassword,
      notifyOnDownload: form.notifyOnDownload,
      deviceBinding: policy?.deviceBindingEnabled === true && form.deviceBinding,
      maxDownloads: limit,
      ...(form.verifyRecipients && recipients.length > 0 ? { verifyRecipients: true } : {}),
    },
  };
}
