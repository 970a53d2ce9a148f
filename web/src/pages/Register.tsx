import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { useApp } from '../context.js';
import { navigate } from '../router.js';
import { CheckboxGroup, TextField, focusFirstError } from '../components/Form.js';
import { RecordFields, TALENT_FIELDS, bodyOf, valuesOf, type FormValues } from '../components/RecordForm.js';
import { ErrorBox } from '../components/Status.js';
import type { SignInReply } from '../types.js';

/** The consent text version the person agrees to; bump it whenever the wording changes. */
export const CONSENT_VERSION = '2024-1';
export const PURPOSES = ['matching', 'hr_bureau_search', 'contact_sharing'] as const;

/** Talent self-registration: account, profile and a consent record in one step (PIPL). */
export default function Register() {
  const { t, api, signIn } = useApp();
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [values, setValues] = useState<FormValues>(() => valuesOf(TALENT_FIELDS, { city: '佛山' }));
  const [purposes, setPurposes] = useState<string[]>(['matching']);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const reply = await api.post<SignInReply>('/api/v1/auth/register-talent', {
        email,
        password,
        consent: { version: CONSENT_VERSION, purposes },
        profile: bodyOf(TALENT_FIELDS, values, 'create'),
      });
      await signIn(reply);
      navigate('/', { replace: true });
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
    <section className="narrow-wide">
      <header className="page-head">
        <h1>{t('register.title')}</h1>
        <p className="muted">{t('register.lead')}</p>
      </header>
      <form ref={form} className="form card" noValidate onSubmit={(e) => void submit(e)} data-testid="register-form">
        <h2>{t('register.account')}</h2>
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors['email']}
          required
        />
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors['password']}
          hint={t('register.passwordHint')}
          required
        />
        <h2>{t('register.profile')}</h2>
        <RecordFields
          specs={TALENT_FIELDS}
          values={values}
          onChange={(p, v) => setValues((x) => ({ ...x, [p]: v }))}
          errors={errors}
          prefix="profile."
        />
        <h2>{t('consent.title')}</h2>
        <p className="small">{t('consent.text', { version: CONSENT_VERSION })}</p>
        <CheckboxGroup
          legend={t('consent.purposes')}
          name="purposes"
          value={purposes}
          onChange={setPurposes}
          error={errors['consent.purposes'] ?? errors['consent']}
          options={PURPOSES.map((p) => ({ value: p, label: t(`consent.${p}`), hint: t(`consent.${p}Hint`) }))}
        />
        <ErrorBox error={error} />
        {Object.keys(errors).length > 0 ? (
          <p className="alert alert--error" role="alert" data-testid="form-errors">
            {t('form.fix', { n: Object.keys(errors).length })}
          </p>
        ) : null}
        <button type="submit" className="btn" disabled={busy}>
          {t('register.submit')}
        </button>
      </form>
    </section>
  );
}
