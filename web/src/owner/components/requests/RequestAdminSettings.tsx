import type { Draft, Field } from '../../lib/admin-settings.js';
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
      <h2 id="admin-requests">File requests</h2>
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
          <span>Allow file requests</span>
        </label>
        <p class="hint">
          Owners may then create upload links that let anyone with the link (and its password) send files into one of their folders. Turning
          this off closes every open file request at once.
        </p>
      </div>
      <div>
        <SizeField
          invalid={invalid('defaultRequestMaxBytes')}
          id="admin-request-size"
          label="Default maximum size per request"
          size={draft.defaultRequestSize}
          unit={draft.defaultRequestUnit}
          onChange={(defaultRequestSize, defaultRequestUnit) => update({ defaultRequestSize, defaultRequestUnit })}
          testId="admin-request-size"
        />
        <p class="hint">What a new file request accepts in all, unless its owner sets another size.</p>
      </div>
    </section>
  );
}
