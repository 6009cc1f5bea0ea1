import { useState } from 'preact/hooks';
import { messageOf } from '../../../common/http.js';
import { Modal } from '../../../common/Modal.js';
import { createFileRequest } from '../../api.js';
import { useFreshAccount } from '../../hooks/useFreshAccount.js';
import { fmt, t } from '../../i18n/index.js';
import { expiryPolicyHint } from '../../lib/expiry.js';
import { folderLabel, initialRequestForm, requestBodyOf, type RequestForm } from '../../lib/requests.js';
import type { CreatedFileRequest, Me } from '../../types.js';
import { ExpiryField } from '../ExpiryField.js';
import { RequestLimitFields, RequestPasswordFields, RequestTextFields } from './RequestFormFields.js';
import { RequestResult } from './RequestResult.js';

interface RequestDialogProps {
  /** The owner's folder the files go below ('' = the root). */
  folder: string;
  policy?: Me['policy'] | undefined;
  onClose: () => void;
}

/** "Request files": creates an upload link into `folder`, then shows it (and its password) once. */
export function RequestDialog({ folder, policy: initialPolicy, onClose }: RequestDialogProps) {
  // The policy may have changed since sign-in: read it fresh for this dialog.
  const { policy } = useFreshAccount(initialPolicy);
  const [form, setForm] = useState<RequestForm>(() => initialRequestForm(folder, policy));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<CreatedFileRequest>();
  const edit = (changes: Partial<RequestForm>) => setForm((current) => ({ ...current, ...changes }));
  const maxDays = policy?.maxExpiryDays ?? null;

  const submit = async (event: Event) => {
    event.preventDefault();
    const body = requestBodyOf(form, folder, policy);
    if (typeof body === 'string') {
      setError(body);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setCreated(await createFileRequest(body));
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  if (created) {
    return (
      <Modal title={t('requests.dialog.created')} onClose={onClose} testId="request-dialog" wide>
        <RequestResult
          created={created}
          {...(form.passwordMode === 'custom' ? { customPassword: form.customPassword } : {})}
          onDone={onClose}
        />
      </Modal>
    );
  }
  return (
    <Modal title={t('requests.dialog.title', { folder: folderLabel(folder) })} onClose={onClose} testId="request-dialog" wide>
      <form onSubmit={submit} class="share-form" noValidate data-testid="request-form">
        <p class="muted">{t('requests.dialog.intro')}</p>
        {policy?.fileRequestsEnabled === false && (
          <p class="alert alert-warning" data-testid="requests-disabled">
            {t('requests.dialog.disabled')}
          </p>
        )}
        <RequestTextFields form={form} edit={edit} />
        <RequestPasswordFields form={form} edit={edit} policy={policy} />
        <ExpiryField
          idPrefix="request-expiry"
          legend={t('requests.dialog.expires')}
          mode={form.expiryMode}
          date={form.expiryDate}
          onMode={(expiryMode) => edit({ expiryMode })}
          onDate={(expiryDate) => edit({ expiryDate })}
          defaultDays={policy?.defaultExpiryDays}
          maxDays={maxDays}
          note={policy && <p class="hint">{expiryPolicyHint(policy.defaultExpiryDays, maxDays)}</p>}
        />
        <RequestLimitFields form={form} edit={edit} defaultBytes={fmt().formatBytes(policy?.defaultRequestMaxBytes ?? 10 * 1024 ** 3)} />
        <div class="form-footer">
          {error && (
            <p class="alert alert-error" role="alert" data-testid="request-error">
              {error}
            </p>
          )}
          <div class="dialog-actions">
            <button type="button" class="btn btn-ghost" onClick={onClose}>
              {t('requests.dialog.cancel')}
            </button>
            <button type="submit" class="btn btn-primary" disabled={busy} data-testid="create-request-submit">
              {t(busy ? 'requests.dialog.creating' : 'requests.dialog.create')}
            </button>
          </div>
        </div>
      </form>
    </Modal>
  );
}
