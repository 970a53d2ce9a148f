import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { useApp } from '../context.js';
import { navigate } from '../router.js';
import { CheckboxGroup, focusFirstError } from '../components/Form.js';
import {
  ENTERPRISE_FIELDS,
  INSTITUTE_FIELDS,
  RecordFields,
  TALENT_FIELDS,
  bodyOf,
  valuesOf,
  type FieldSpec,
  type FormValues,
} from '../components/RecordForm.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { CONSENT_VERSION, PURPOSES } from './Register.js';
import type { Consent } from '../types.js';

const BY_ROLE: Record<string, { plural: string; specs: FieldSpec[] }> = {
  talent: { plural: 'talents', specs: TALENT_FIELDS },
  institute: { plural: 'institutes', specs: INSTITUTE_FIELDS },
  enterprise: { plural: 'enterprises', specs: ENTERPRISE_FIELDS },
};

/** The signed-in talent, institute or enterprise edits its own record; a talent also exports or deletes it. */
export default function Profile() {
  const { t, api, role, session, signOut } = useApp();
  const cfg = role ? BY_ROLE[role] : undefined;
  const id = session?.me.subjectId;
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<FormValues | null>(null);
  const [consent, setConsent] = useState<Consent | null>(null);
  const [purposes, setPurposes] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    if (!cfg || !id) return;
    api
      .get<Record<string, unknown>>(`/api/v1/${cfg.plural}/${encodeURIComponent(id)}`)
      .then((r) => {
        setValues(valuesOf(cfg.specs, r));
        const c = r['consent'] as Consent | undefined;
        if (c) {
          setConsent(c);
          setPurposes(c.purposes);
        }
      })
      .catch(setError);
  }, [api, cfg, id]);

  if (!cfg || !id) return <ErrorBox error={new ApiError(404, 'not_found', t('profile.noRecord'), [])} />;
  if (!values) return error ? <ErrorBox error={error} /> : <Loading />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    setSaved(false);
    try {
      const body = bodyOf(cfg.specs, values, 'edit');
      const consentChanged =
        consent &&
        (purposes.length !== consent.purposes.length || purposes.some((p) => !consent.purposes.includes(p as Consent['purposes'][number])));
      if (consentChanged) body['consent'] = { version: CONSENT_VERSION, acceptedAt: new Date().toISOString(), purposes };
      await api.patch(`/api/v1/${cfg.plural}/${encodeURIComponent(id)}`, body);
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        setErrors(err.fieldErrors());
        focusFirstError(form.current);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  const exportData = async () => {
    setError(null);
    try {
      const data = await api.get<unknown>('/api/v1/me/export');
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'chaintalent-export.json';
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError(err);
    }
  };

  const remove = async () => {
    setError(null);
    try {
      await api.del('/api/v1/me');
      await signOut();
      navigate('/?deleted=1', { replace: true });
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="narrow-wide">
      <header className="page-head">
        <h1>{t('profile.title')}</h1>
        <p className="muted">{t(`profile.lead.${role as 'talent' | 'institute' | 'enterprise'}`)}</p>
      </header>
      <form ref={form} className="form card" noValidate onSubmit={(e) => void submit(e)} data-testid="profile-form">
        <RecordFields specs={cfg.specs} values={values} onChange={(p, v) => setValues((x) => ({ ...(x ?? {}), [p]: v }))} errors={errors} />
        {consent ? (
          <>
            <h2>{t('consent.title')}</h2>
            <p className="small muted">{t('consent.current', { version: consent.version, date: consent.acceptedAt.slice(0, 10) })}</p>
            <CheckboxGroup
              legend={t('consent.purposes')}
              name="purposes"
              value={purposes}
              onChange={setPurposes}
              error={errors['consent.purposes'] ?? errors['consent']}
              options={PURPOSES.map((p) => ({ value: p, label: t(`consent.${p}`), hint: t(`consent.${p}Hint`) }))}
            />
          </>
        ) : null}
        {saved ? (
          <p className="alert alert--ok" role="status">
            {t('profile.saved')}
          </p>
        ) : null}
        {Object.keys(errors).length > 0 ? (
          <p className="alert alert--error" role="alert" data-testid="form-errors">
            {t('form.fix', { n: Object.keys(errors).length })}
          </p>
        ) : null}
        <button type="submit" className="btn" disabled={busy}>
          {t('profile.save')}
        </button>
      </form>
      <ErrorBox error={error} />
      <section className="card" aria-labelledby="rights">
        <h2 id="rights">{t('rights.title')}</h2>
        <p className="small">{t('rights.lead')}</p>
        <div className="actions">
          <button type="button" className="btn btn--ghost" onClick={() => void exportData()}>
            {t('rights.export')}
          </button>
          {role === 'talent' && !confirming ? (
            <button type="button" className="btn btn--danger" onClick={() => setConfirming(true)}>
              {t('rights.delete')}
            </button>
          ) : null}
        </div>
        {confirming ? (
          <div className="alert alert--error" role="alertdialog" aria-labelledby="confirm-delete">
            <p id="confirm-delete">{t('rights.confirm')}</p>
            <div className="actions">
              <button type="button" className="btn btn--danger" onClick={() => void remove()}>
                {t('rights.confirmYes')}
              </button>
              <button type="button" className="btn btn--ghost" onClick={() => setConfirming(false)} autoFocus>
                {t('common.cancel')}
              </button>
            </div>
          </div>
        ) : null}
      </section>
    </section>
  );
}
