import { createI18n } from '../../common/i18n.js';
import en from './en.js';

/** The recipient page's translator: English in the bundle, Chinese loaded before the first render when it is the page's language. */
export const shareI18n = createI18n(en, { 'zh-CN': () => import('./zh-CN.js').then((module) => module.default) });
export const t = shareI18n.t;
/** Sizes, dates and numbers in the page's language. */
export const fmt = () => shareI18n.i18n;
