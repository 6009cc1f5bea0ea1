import { useState } from 'preact/hooks';
import { formatDateTime } from '../../../common/format.js';
import { useShareChange } from '../../hooks/useShareChange.js';
import type { ApplyChange } from '../../hooks/useShareDetail.js';
import type { Share, SharePartner } from '../../types.js';

const text = {
  title: 'Partners',
  verifiedNote: 'Only these people can open the link, each with a code sent to their address.',
  plainNote: 'The link was emailed to these people. Anyone holding it can open it, so what they did is not tracked.',
  status: { invited: 'Invited', opened: 'Opened', downloaded: 'Downloaded', revoked: 'Revoked' } as Record<SharePartner['status'], string>,
  invited: 'Invited',
  opened: 'Opened',
  downloaded: 'Downloaded',
  revoked: 'Revoked',
  deviceBound: 'Device bound',
  resend: 'Resend',
  revoke: 'Revoke',
  resetDevice: 'Reset device',
  add: 'Add partner',
  addLabel: 'Add a partner by email',
  addPlaceholder: 'name@example.com',
  resent: (email: string) => `The invitation was sent again to ${email}.`,
  revokedDone: (email: string) => `${email} can no longer open the link.`,
  resetDone: (email: string) => `${email}'s device was reset: the next device they open the link on becomes theirs.`,
  added: (email: string) => `${email} was added and invited.`,
};

/** A verified link's partners with what each did, and the owner's actions on each. */
export function Partners({ share, editable, apply }: { share: Share; editable: boolean; apply: ApplyChange }) {
  const { busy, error, send } = useShareChange(apply);
  const [address, setAddress] = useState('');
  const partners = share.partners ?? [];
  if (partners.length === 0 && !share.verifyRecipients) return null;
  const verified = share.verifyRecipients === true;

  const add = async (event: Event) => {
    event.preventDefault();
    const email = address.trim();
    if (!email) return;
    if (await send({ body: { partners: { add: [email] } }, done: text.added(email.toLowerCase()) })) setAddress('');
  };

  return (
    <section class="card partners" aria-labelledby="partners-title" data-testid="link-partners">
      <h2 id="partners-title">{text.title}</h2>
      <p class="hint">{verified ? text.verifiedNote : text.plainNote}</p>
      <ul class="partner-list">
        {partners.map((partner) => (
          <li key={partner.email} class="partner" data-testid="partner-row" data-email={partner.email} data-status={partner.status}>
            <div>
              <strong>{partner.email}</strong>{' '}
              <span class={`badge badge-${partner.status}`} data-testid="partner-status">
                {text.status[partner.status]}
              </span>
              <p class="muted partner-times">
                {text.invited} {formatDateTime(partner.invitedAt)}
                {partner.openedAt && ` · ${text.opened} ${formatDateTime(partner.openedAt)}`}
                {partner.downloadedAt && ` · ${text.downloaded} ${formatDateTime(partner.downloadedAt)}`}
                {partner.revokedAt && ` · ${text.revoked} ${formatDateTime(partner.revokedAt)}`}
                {verified && share.deviceBinding && partner.deviceBound && ` · ${text.deviceBound}`}
              </p>
            </div>
            {editable && partner.status !== 'revoked' && (
              <div class="partner-actions">
                <button
                  type="button"
                  class="btn btn-secondary btn-small"
                  disabled={busy}
                  onClick={() => send({ body: { partners: { resend: [partner.email] } }, done: text.resent(partner.email) })}
                  data-testid="partner-resend"
                >
                  {text.resend}
                </button>
                {verified && (
                  <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    disabled={busy}
                    onClick={() => send({ body: { partners: { revoke: [partner.email] } }, done: text.revokedDone(partner.email) })}
                    data-testid="partner-revoke"
                  >
                    {text.revoke}
                  </button>
                )}
                {verified && share.deviceBinding && partner.deviceBound && (
                  <button
                    type="button"
                    class="btn btn-secondary btn-small"
                    disabled={busy}
                    onClick={() => send({ body: { partners: { resetDevice: [partner.email] } }, done: text.resetDone(partner.email) })}
                    data-testid="partner-reset-device"
                  >
                    {text.resetDevice}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <form class="input-row" onSubmit={add}>
          <label class="visually-hidden" for="partner-add">
            {text.addLabel}
          </label>
          <input
            id="partner-add"
            type="email"
            placeholder={text.addPlaceholder}
            value={address}
            onInput={(e) => setAddress(e.currentTarget.value)}
            data-testid="partner-add-input"
          />
          <button type="submit" class="btn btn-secondary" disabled={busy || !address.trim()} data-testid="partner-add">
            {text.add}
          </button>
        </form>
      )}
      {error && (
        <p class="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
