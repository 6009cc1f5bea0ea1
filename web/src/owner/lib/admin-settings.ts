import { t } from '../i18n/index.js';
import type { TenantSettings, TenantSettingsUpdate } from '../types.js';
import { bytesOf, sizeFieldsOf, type SizeUnit } from './requests.js';

/** The administration form as typed (numbers stay text until saved), the update it sends, and refusals in its words. */
export interface Draft {
  deviceBindingEnabled: boolean;
  requirePassword: boolean;
  defaultExpiryDays: string;
  limitExpiry: boolean;
  maxExpiryDays: string;
  senderMode: 'user' | 'admin';
  adminNotificationSender: string;
  fileRequestsEnabled: boolean;
  /** The default total size of a file request, as typed, and its unit. */
  defaultRequestSize: string;
  defaultRequestUnit: SizeUnit;
}

/** Fields a refusal can name, to mark them invalid. */
export type Field = 'defaultExpiryDays' | 'maxExpiryDays' | 'adminNotificationSender' | 'defaultRequestMaxBytes';

/** API field names as the form calls them, so a refusal reads in the page's words (catalog keys: read when shown, in its language). */
const fieldLabels: Record<Field, Parameters<typeof t>[0]> = {
  defaultExpiryDays: 'admin.field.defaultExpiryDays',
  maxExpiryDays: 'admin.field.maxExpiryDays',
  adminNotificationSender: 'admin.email.sender',
  defaultRequestMaxBytes: 'requests.admin.size',
};
const isField = (name: string | undefined): name is Field => name !== undefined && Object.hasOwn(fieldLabels, name);

export function draftOf(settings: TenantSettings): Draft {
  const requestSize = sizeFieldsOf(settings.defaultRequestMaxBytes);
  return {
    deviceBindingEnabled: settings.deviceBindingEnabled,
    requirePassword: settings.requirePassword,
    defaultExpiryDays: String(settings.defaultExpiryDays),
    limitExpiry: settings.maxExpiryDays !== null,
    maxExpiryDays: settings.maxExpiryDays === null ? '30' : String(settings.maxExpiryDays),
    senderMode: settings.adminNotificationSender ? 'admin' : 'user',
    adminNotificationSender: settings.adminNotificationSender ?? '',
    fileRequestsEnabled: settings.fileRequestsEnabled,
    defaultRequestSize: requestSize.size,
    defaultRequestUnit: requestSize.unit,
  };
}

/** Whole numbers go to the API as numbers; anything else as typed, for the API to name. */
const numberOrText = (value: string): number | string => (/^\s*\d+\s*$/.test(value) ? Number(value) : value.trim());

/** The API's refusal in the page's words, and the fields it names. */
export function readable(message: string): { text: string; fields: Field[] } {
  const fields = (Object.keys(fieldLabels) as Field[]).filter((field) => message.includes(field));
  const body = message.replace(/^Invalid request body: /, '');
  // The one rule the settings check states itself ("defaultExpiryDays: must not exceed maxExpiryDays") reads whole in either language.
  const exceeds = /^(\w+): must not exceed (\w+)$/.exec(body);
  if (exceeds && isField(exceeds[1]) && isField(exceeds[2]))
    return { text: t('admin.refusal.notAbove', { field: t(fieldLabels[exceeds[1]]), limit: t(fieldLabels[exceeds[2]]) }), fields };
  let text = body;
  for (const field of fields) text = text.replaceAll(field, t(fieldLabels[field]));
  return { text, fields };
}

/** What Save sends: a sender only in "one address for everyone" mode, no maximum when unlimited. */
export function updateOf(draft: Draft): TenantSettingsUpdate {
  return {
    deviceBindingEnabled: draft.deviceBindingEnabled,
    requirePassword: draft.requirePassword,
    defaultExpiryDays: numberOrText(draft.defaultExpiryDays),
    maxExpiryDays: draft.limitExpiry ? numberOrText(draft.maxExpiryDays) : null,
    adminNotificationSender: draft.senderMode === 'admin' ? draft.adminNotificationSender.trim() : null,
    fileRequestsEnabled: draft.fileRequestsEnabled,
    defaultRequestMaxBytes: bytesOf(draft.defaultRequestSize, draft.defaultRequestUnit) ?? draft.defaultRequestSize.trim(),
  };
}
