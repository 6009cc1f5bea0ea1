import { t } from '../i18n/index.js';
import type { Share, ShareStatus } from '../types.js';

/** How the links table and a link's page name a link's state, in the page's language (read when shown, so the language is loaded). */
export const statusLabel: Record<ShareStatus, string> = {
  get active() {
    return t('link.status.active');
  },
  get expired() {
    return t('link.status.expired');
  },
  get cancelled() {
    return t('link.status.cancelled');
  },
};

export const firstAlias = (share: Share) => share.items[0]?.alias ?? t('link.title.noItems');

/** "report.pdf +2 more": what a person recognises a link by. */
export function shareTitle(share: Share): string {
  return share.items.length > 1 ? t('link.title.more', { name: firstAlias(share), count: share.items.length - 1 }) : firstAlias(share);
}
