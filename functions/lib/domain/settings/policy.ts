/** Tenant policy, set by administrators on the Admin page. */
export interface TenantSettings {
  adminNotificationSender: string | null;
  deviceBindingEnabled: boolean;
  requirePassword: boolean;
  defaultExpiryDays: number;
  /** null: no maximum, and links may never expire. */
  maxExpiryDays: number | null;
  /** Partner emails one user may send per UTC day (each recipient of each link is one). */
  dailyPartnerEmailLimit: number;
  /** File requests (upload links): off, none can be created and open ones refuse uploads. */
  fileRequestsEnabled: boolean;
  /** A new file request's total size limit when its owner sets none, in bytes. */
  defaultRequestMaxBytes: number;
}

export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  adminNotificationSender: null,
  deviceBindingEnabled: false,
  requirePassword: false,
  defaultExpiryDays: 7,
  maxExpiryDays: null,
  dailyPartnerEmailLimit: 200,
  fileRequestsEnabled: true,
  defaultRequestMaxBytes: 10 * 1024 ** 3,
};
