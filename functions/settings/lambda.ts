/** The settings function: the owner's own settings and the tenant's (admins). */
import { groupLambda } from '../lib/http/group.js';
import { ownerPlatform } from '../lib/wiring.js';
import { handler as adminSettingsGet } from './admin-settings-get.js';
import { handler as adminSettingsPut } from './admin-settings-put.js';
import { handler as meSettingsGet } from './me-settings-get.js';
import { handler as meSettingsPut } from './me-settings-put.js';
import { handler as me } from './me.js';
import { handler as senderVerificationConfirm } from './sender-verification-confirm.js';
import { handler as senderVerificationStart } from './sender-verification-start.js';

export const handler = groupLambda(
  'settings',
  {
    me,
    'me-settings-get': meSettingsGet,
    'me-settings-put': meSettingsPut,
    'admin-settings-get': adminSettingsGet,
    'admin-settings-put': adminSettingsPut,
    'sender-verification-start': senderVerificationStart,
    'sender-verification-confirm': senderVerificationConfirm,
  },
  ownerPlatform,
);
