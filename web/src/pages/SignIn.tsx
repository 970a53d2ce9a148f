import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { useApp } from '../context.js';
import { Link, navigate, useLocation } from '../router.js';
import { TextField, focusFirstError } from '../components/Form.js';
import { ErrorBox } from '../components/Status.js';
import type { SignInReply } from '../types.js';

/** Only same-site paths are followed after sign-in, never another origin. */
const safeNext = (next: string | null) => (next && /^\/(?!\/)/.test(next) ? next : '/');

export default function SignIn() {
  const { t, api, signIn } = useApp();
  const loc = useLocation();
  const form = useRef<HTMLFormElement>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const reply = await api.post<SignInReply>('/api/v1/auth/sign-in', { email, password });
      await signIn(reply);
      navigate(safeNext(loc.query.get('next')), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.issues.length > 0) {
        setErrors(err.fieldErrors());
        focusFirstError(form.current);
      } else setError(err instanceof ApiError && err.status === 401 ? new ApiError(401, 'unauthenticated', t('auth.badCredentials'), []) : err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="narrow">
      <h1>{t('nav.signIn')}</h1>
      <form ref={form} onSubmit={(e) => void submit(e)} noValidate className="form card">
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={errors['email']}
          required
        />
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errors['password']}
          required
        />
        {error ? <ErrorBox error={error} /> : null}
        <button type="submit" className="btn" disabled={busy}>
          {t('nav.signIn')}
        </button>
      </form>
      <p>
        {t('auth.noAccount')} <Link to="/register">{t('nav.register')}</Link>
      </p>
      <p className="hint">{t('auth.demoHint')}</p>
    </section>
  );
}
