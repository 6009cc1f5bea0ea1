import type { Draft, Field } from '../../lib/admin-settings.js';
import { t } from '../../i18n/index.js';
import { SizeField } from './RequestFormFields.js';

interface RequestAdminSettingsProps {
  draft: Draft;
  update: (changes: Partial<Draft>) => void;
  invalid: (field: Field) => true | undefined;
}

/** The Admin page's file-request rules: whether they exist at all, and the size a new one allows unless its owner sets another. */
export function RequestAdminSettings({ draft, update, invalid }: RequestAdminSettingsProps) {
  return (
    <section class="settings-section" aria-labelledby="admin-requests">
      <h2 id="admin-requests">{t('requests.admin.title')}</h2>
      <div class="group">
        <label class="switch">
          <input
            type="checkbox"
            role="switch"
            checked={draft.fileRequestsEnabled}
            onChange={(e) => update({ fileRequestsEnabled: e.currentTarget.checked })}
            data-testid="admin-file-requests"
          />
          <span class="switch-track" aria-hidden="true" />
          <span>{t('requests.admin.allow')}</span>
        </label>
        <p class="hint">{t('requests.admin.allowHint')}</p>
      </div>
      <div>
        <SizeField
          invalid={invalid('defaultRequestMaxBytes')}
          id="admin-request-size"
          label={t('requests.admin.size')}
          size={draft.defaultRequestSize}
          unit={draft.defaultRequestUnit}
          onChange={(defaultRequestSize, defaultRequestUnit) => update({ defaultRequestSize, defaultRequestUnit })}
          testId="admin-request-size"
        />
        <p class="hint">{t('requests.admin.sizeHint')}</p>
      </div>
    </section>
  );
}
