import * as z from 'zod/mini';

/** The languages the product speaks: the web app's and the emails'. */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

/** The owner's language, sent by the web app with what it creates; emails about it go out in that language. */
export const localeSchema = z.optional(z.enum(LOCALES));
