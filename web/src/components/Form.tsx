import { useId, type ReactNode, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useApp } from '../context.js';

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
}

/** A labelled control with its hint and inline error wired through aria attributes. */
function Shell({ label, error, hint, required, id, children }: FieldProps & { id: string; children: ReactNode }) {
  const { issue, t } = useApp();
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="req" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
        {required ? <span className="sr-only">{t('form.required')}</span> : null}
      </label>
      {children}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error" id={`${id}-error`} role="alert" data-field-error="">
          {issue(error)}
        </p>
      ) : null}
    </div>
  );
}

const described = (id: string, error?: string, hint?: string) =>
  [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;

export function TextField({ label, error, hint, required, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <Shell label={label} error={error} hint={hint} required={required ?? false} id={id}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error, hint)}
        aria-required={required || undefined}
        {...input}
      />
    </Shell>
  );
}

export function TextArea({ label, error, hint, required, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <Shell label={label} error={error} hint={hint} required={required ?? false} id={id}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error, hint)}
        aria-required={required || undefined}
        rows={5}
        {...input}
      />
    </Shell>
  );
}

export function SelectField({
  label,
  error,
  hint,
  required,
  options,
  ...input
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: Array<{ value: string; label: string }> }) {
  const id = useId();
  return (
    <Shell label={label} error={error} hint={hint} required={required ?? false} id={id}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error, hint)}
        aria-required={required || undefined}
        {...input}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function CheckboxGroup({
  legend,
  error,
  options,
  value,
  onChange,
  name,
}: {
  legend: string;
  error?: string | undefined;
  name: string;
  options: Array<{ value: string; label: string; hint?: string }>;
  value: readonly string[];
  onChange(next: string[]): void;
}) {
  const { issue } = useApp();
  const id = useId();
  return (
    <fieldset className={`field checks${error ? ' field--error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input
            type="checkbox"
            name={name}
            value={o.value}
            checked={value.includes(o.value)}
            onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
          />
          <span>
            {o.label}
            {o.hint ? <small className="hint"> — {o.hint}</small> : null}
          </span>
        </label>
      ))}
      {error ? (
        <p className="error" id={`${id}-error`} role="alert" data-field-error="">
          {issue(error)}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Splits a comma / 、 / newline separated list typed by a person. */
export const splitList = (s: string): string[] =>
  s
    .split(/[,，、;；\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** Moves focus to the first field reporting an error, so keyboard and screen-reader users land on it. */
export function focusFirstError(form: HTMLFormElement | null): void {
  window.requestAnimationFrame(() => {
    const el = form?.querySelector<HTMLElement>('[aria-invalid="true"], .field--error input, .field--error select, .field--error textarea');
    el?.focus();
  });
}
