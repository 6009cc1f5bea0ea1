import { createI18n } from '../../common/i18n.js';
import en from './en.js';

/**
 * The owner app's translator: English in the bundle, Chinese loaded before the first render.
 * Every text a person reads comes from it (test/unit/web/catalogs.test.ts checks the components).
 */
export const ownerI18n = createI18n(en, { 'zh-CN': () => import('./zh-CN.js').then((module) => module.default) });
export const t = ownerI18n.t;
/** Sizes, dates and numbers in the page's language. */
export const fmt = () => ownerI18n.i18n;
