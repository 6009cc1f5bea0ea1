import { t } from '../i18n/index.js';
import { daysFromNow, expiryChoiceOf, initialExpiryMode, localDateValue, type ExpiryMode } from './expiry.js';
import type { CreateFileRequest, FileRequest, PasswordChoice, SharePolicy } from '../types.js';

/** The "Request files" dialog as typed, the API request it becomes, and the words the pages use. */

export type SizeUnit = 'MB' | 'GB';
const UNIT_BYTES: Record<SizeUnit, number> = { MB: 1024 ** 2, GB: 1024 ** 3 };
/** Custom passwords of upload links: at least this long (the API says so too). */
export const MIN_REQUEST_PASSWORD = 8;

export interface RequestForm {
  title: string;
  message: string;
  passwordMode: PasswordChoice['mode'];
  customPassword: string;
  expiryMode: ExpiryMode;
  expiryDate: string;
  /** Empty: no limit on the number of files. */
  maxFiles: string;
  /** Empty: the organisation's default. */
  maxSize: string;
  sizeUnit: SizeUnit;
  notifyOnUpload: boolean;
}

export function initialRequestForm(folder: string, policy: SharePolicy | undefined): RequestForm {
  const maxDays = policy?.maxExpiryDays ?? null;
  const name = folder.replace(/\/$/, '').split('/').pop();
  return {
    title: name ? t('reqs.form.defaultTitle', { name }) : '',
    message: '',
    passwordMode: 'auto',
    customPassword: '',
    expiryMode: initialExpiryMode(policy?.defaultExpiryDays, maxDays),
    expiryDate: localDateValue(daysFromNow(Math.min(policy?.defaultExpiryDays ?? 14, maxDays ?? 14))),
    maxFiles: '',
    maxSize: '',
    sizeUnit: 'GB',
    notifyOnUpload: true,
  };
}

/** Bytes for a size as typed ("1.5" GB), or undefined when it is not a positive number. */
export function bytesOf(size: string, unit: SizeUnit): number | undefined {
  const value = Number(size.trim().replace(',', '.'));
  if (!size.trim() || !Number.isFinite(value) || value <= 0) return undefined;
  return Math.round(value * UNIT_BYTES[unit]);
}

/** A size in the larger unit it is whole or readable in: 10 GiB -> ["10", "GB"], 500 MiB -> ["500", "MB"]. */
export function sizeFieldsOf(bytes: number): { size: string; unit: SizeUnit } {
  if (bytes >= UNIT_BYTES.GB) return { size: String(Math.round((bytes / UNIT_BYTES.GB) * 100) / 100), unit: 'GB' };
  return { size: String(Math.round((bytes / UNIT_BYTES.MB) * 100) / 100), unit: 'MB' };
}

/** The API request for the form, or the sentence telling the owner what to fix. */
export function requestBodyOf(form: RequestForm, folder: string, policy: SharePolicy | undefined): CreateFileRequest | string {
  if (!form.title.trim()) return t('reqs.form.noTitle');
  if (form.passwordMode === 'custom' && form.customPassword.length < MIN_REQUEST_PASSWORD) {
    return t('reqs.form.shortPassword', { min: MIN_REQUEST_PASSWORD });
  }
  const expiry = expiryChoiceOf(form.expiryMode, form.expiryDate, policy?.maxExpiryDays ?? null);
  if (typeof expiry === 'string') return expiry;
  let maxFiles: number | null = null;
  if (form.maxFiles.trim()) {
    maxFiles = Number(form.maxFiles);
    if (!Number.isInteger(maxFiles) || maxFiles < 1) return t('reqs.form.badMaxFiles');
  }
  const maxBytes = form.maxSize.trim() ? bytesOf(form.maxSize, form.sizeUnit) : undefined;
  if (form.maxSize.trim() && maxBytes === undefined) return t('reqs.form.badMaxSize');
  const password: PasswordChoice =
    form.passwordMode === 'custom' ? { mode: 'custom', value: form.customPassword } : { mode: form.passwordMode };
  return {
    folder,
    title: form.title.trim(),
    ...(form.message.trim() ? { message: form.message.trim() } : {}),
    password,
    expiry,
    maxFiles,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    notifyOnUpload: form.notifyOnUpload,
  };
}

/** "All files" (in the page's language) for the root, the folder path otherwise. */
export const folderLabel = (folder: string) => (folder ? folder.replace(/\/$/, '') : t('reqs.form.allFiles'));

/** A request is full when its files are all taken (reserved or arrived). */
export const isFull = (request: Pick<FileRequest, 'remainingFiles' | 'status'>) =>
  request.status === 'active' && request.remainingFiles === 0;
