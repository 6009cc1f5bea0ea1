import type { Share, ShareStatus } from '../types.js';

/** How the links table and a link's page name a link and its state. */
export const statusLabel: Record<ShareStatus, string> = { active: 'Active', expired: 'Expired', cancelled: 'Cancelled' };

export const firstAlias = (share: Share) => share.items[0]?.alias ?? '(no items)';

/** "report.pdf +2 more": what a person recognises a link by. */
export function shareTitle(share: Share): string {
  return share.items.length > 1 ? `${firstAlias(share)} +${share.items.length - 1} more` : firstAlias(share);
}
