import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { useApp } from '../context.js';
import { focusFirstError } from '../components/Form.js';
import { ENTERPRISE_FIELDS, INSTITUTE_FIELDS, RecordFields, bodyOf, valuesOf, type FormValues } from '../components/RecordForm.js';
import { ErrorBox } from '../components/Status.js';

const TYPES = {
  institute: { plural: 'institutes', specs: INSTITUTE_FIELDS, title: 'newRecord.institute' },
  enterprise: { plural: 'enterprises', specs: ENTERPRISE_FIELDS, title: 'newRecord.enterprise' },
} as const;

/** Government roles register an institute's capabilities or an enterprise's profile. */
export default function NewRecord({ params }: { params: Record<string, string> }) {
  const { t, api } = useApp();
  const type = params['type'] === 'enterprise' ? 'enterprise' : 'institute';
  const cfg = TYPES[type];
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<FormValues>(() => valuesOf(cfg.specs, { city: '佛山' }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    setCreated(null);
    try {
      const r = await api.post<{ id: string; name: string }>(`/api/v1/${cfg.plural}`, bodyOf(cfg.specs, values, 'create'));
      setCreated(r.name);
      setValues(valuesOf(cfg.specs, { city: '佛山' }));
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        setErrors(err.fieldErrors());
        focusFirstError(form.current);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow-wide" key={type}>
      <header className="page-head">
        <h1>{t(cfg.title)}</h1>
      </header>
      <form ref={form} className="form card" noValidate onSubmit={(e) => void submit(e)} data-testid="record-form">
        <RecordFields specs={cfg.specs} values={values} onChange={(p, v) => setValues((x) => ({ ...x, [p]: v }))} errors={errors} />
        {created ? (
          <p className="alert alert--ok" role="status">
            {t('newRecord.created', { name: created })}
          </p>
        ) : null}
        {Object.keys(errors).length > 0 ? (
          <p className="alert alert--error" role="alert" data-testid="form-errors">
            {t('form.fix', { n: Object.keys(errors).length })}
          </p>
        ) : null}
        <ErrorBox error={error} />
        <button type="submit" className="btn" disabled={busy}>
          {t('newRecord.submit')}
        </button>
      </form>
    </section>
  );
}
