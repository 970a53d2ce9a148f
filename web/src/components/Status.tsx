import { ApiError } from '../api.js';
import { useApp } from '../context.js';

export function Loading() {
  const { t } = useApp();
  return (
    <p className="muted" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}

/** A request failure in words a user can act on; the API's detail is kept for support. */
export function ErrorBox({ error }: { error: unknown }) {
  const { t } = useApp();
  if (!error) return null;
  let msg = t('error.generic');
  if (error instanceof ApiError) {
    if (error.status === 401) msg = t('error.unauthenticated');
    else if (error.status === 403) msg = t('error.forbidden');
    else if (error.status === 404) msg = t('error.notFound');
    else if (error.status === 429) msg = t('error.rateLimited');
    else if (error.status === 400 || error.status === 422 || error.status === 409) msg = t('error.invalid');
    else if (error.status >= 500) msg = t('error.server');
  }
  const detail = error instanceof Error ? error.message : '';
  return (
    <div className="alert alert--error" role="alert">
      <strong>{msg}</strong>
      {detail ? <small className="detail">{detail}</small> : null}
    </div>
  );
}

export function Empty({ children }: { children: string }) {
  return <p className="empty">{children}</p>;
}
