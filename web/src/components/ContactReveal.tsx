import { useId, useState } from 'react';
import { useApp } from '../context.js';
import { REVEAL_PURPOSES, type ContactCard, type RevealPurpose } from '../types.js';
import { ErrorBox } from './Status.js';
import { useAction } from '../useAction.js';

/** Roles the API lets ask for a talent's full contact (enterprises only with the talent's consent). */
export const REVEAL_ROLES = ['admin', 'hr_bureau', 'enterprise'] as const;

/** Masked contact details, and for entitled roles an audited reveal with a stated purpose. */
export function ContactReveal({
  talentId,
  phone,
  email,
  needId,
}: {
  talentId: string;
  phone?: string | undefined;
  email?: string | undefined;
  needId?: string | undefined;
}) {
  const { t, api, role } = useApp();
  const [purpose, setPurpose] = useState<RevealPurpose>('recruitment');
  const [card, setCard] = useState<ContactCard | null>(null);
  const { busy, error, run } = useAction();
  const [open, setOpen] = useState(false);
  const id = useId();
  const entitled = role !== null && (REVEAL_ROLES as readonly string[]).includes(role);

  const reveal = () =>
    run(async () => {
      setCard(await api.post<ContactCard>(`/api/v1/talents/${encodeURIComponent(talentId)}/contact`, { purpose, ...(needId ? { needId } : {}) }));
    });

  return (
    <div className="contact" data-testid="contact">
      <dl className="contact__list">
        <dt>{t('talent.phone')}</dt>
        <dd data-testid="contact-phone">{card?.phone ?? phone ?? t('common.none')}</dd>
        <dt>{t('talent.email')}</dt>
        <dd data-testid="contact-email">{card?.email ?? email ?? t('common.none')}</dd>
      </dl>
      {card ? (
        <p className="hint" role="status">
          {t('reveal.done')}
        </p>
      ) : entitled && !open ? (
        <button type="button" className="btn btn--small btn--ghost" onClick={() => setOpen(true)}>
          {t('reveal.open')}
        </button>
      ) : entitled ? (
        <div className="contact__reveal">
          <label htmlFor={id}>{t('reveal.purpose')}</label>
          <select id={id} value={purpose} onChange={(e) => setPurpose(e.target.value as RevealPurpose)}>
            {REVEAL_PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t(`purpose.${p}`)}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn--small" onClick={() => void reveal()} disabled={busy} autoFocus>
            {t('reveal.action')}
          </button>
          <small className="hint">{t('reveal.audited')}</small>
        </div>
      ) : (
        <small className="hint">{t('reveal.masked')}</small>
      )}
      <ErrorBox error={error} />
    </div>
  );
}
