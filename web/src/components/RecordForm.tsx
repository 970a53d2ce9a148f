import { useMemo, type ReactNode } from 'react';
import { useApp } from '../context.js';
import type { MsgKey } from '../i18n.js';
import { CheckboxGroup, SelectField, TextArea, TextField, splitList } from './Form.js';

/** One field of a record form; `path` is the API's field path (`contact.phone`). */
export interface FieldSpec {
  path: string;
  label: MsgKey;
  kind: 'text' | 'email' | 'tel' | 'url' | 'textarea' | 'list' | 'number' | 'select' | 'nodes' | 'checkbox';
  required?: boolean;
  hint?: MsgKey;
  options?: Array<{ value: string; label: MsgKey }>;
  autoComplete?: string;
}

export type FormValues = Record<string, string | string[] | boolean>;

const get = (o: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), o);

/** Form values from a record (edit) or empty (create). */
export function valuesOf(specs: FieldSpec[], record: Record<string, unknown> = {}): FormValues {
  const out: FormValues = {};
  for (const s of specs) {
    const v = get(record, s.path);
    if (s.kind === 'list') out[s.path] = Array.isArray(v) ? v.join('、') : '';
    else if (s.kind === 'nodes') out[s.path] = Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    else if (s.kind === 'checkbox') out[s.path] = v === true;
    else if (s.kind === 'select') out[s.path] = typeof v === 'string' ? v : (s.options?.[0]?.value ?? '');
    else out[s.path] = v === undefined || v === null ? '' : String(v);
  }
  return out;
}

/**
 * The API body from form values. Empty optional fields are omitted on create and sent as null
 * on edit (the API's way to remove a field); nested paths become nested objects.
 */
export function bodyOf(specs: FieldSpec[], values: FormValues, mode: 'create' | 'edit'): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const set = (path: string, v: unknown) => {
    const keys = path.split('.');
    let o = body;
    for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
    o[keys[keys.length - 1] ?? path] = v;
  };
  const groups = new Map<string, boolean>();
  for (const s of specs) {
    const v = values[s.path];
    let out: unknown;
    if (s.kind === 'list') out = splitList(typeof v === 'string' ? v : '');
    else if (s.kind === 'nodes') out = Array.isArray(v) ? v : [];
    else if (s.kind === 'checkbox') out = v === true;
    else if (s.kind === 'number') out = typeof v === 'string' && v.trim() !== '' ? Number(v) : undefined;
    else out = typeof v === 'string' && v.trim() !== '' ? v : undefined;
    const group = s.path.includes('.') ? s.path.split('.')[0] : undefined;
    if (out === undefined) {
      if (mode === 'edit' && !group) set(s.path, null);
      continue;
    }
    if (group) groups.set(group, true);
    set(s.path, out);
  }
  // A nested object (contact, liaison) left entirely empty is removed on edit.
  if (mode === 'edit')
    for (const s of specs) {
      const group = s.path.includes('.') ? s.path.split('.')[0] : undefined;
      if (group && !groups.has(group)) body[group] = null;
    }
  return body;
}

/** Renders the fields of a spec list with their inline errors (keys are the API's field paths). */
export function RecordFields({
  specs,
  values,
  onChange,
  errors,
  prefix = '',
}: {
  specs: FieldSpec[];
  values: FormValues;
  onChange(path: string, v: string | string[] | boolean): void;
  errors: Record<string, string>;
  prefix?: string;
}): ReactNode {
  const { t, chains, pick, issue } = useApp();
  const nodeOptions = useMemo(
    () => (chains ?? []).map((c) => ({ chain: pick(c.name, c.nameEn), nodes: c.nodes.map((n) => ({ id: n.id, name: pick(n.name, n.nameEn) })) })),
    [chains, pick],
  );
  return (
    <>
      {specs.map((s) => {
        const v = values[s.path];
        const err =
          errors[prefix + s.path] ??
          (s.kind === 'list' || s.kind === 'nodes' ? Object.entries(errors).find(([k]) => k.startsWith(`${prefix + s.path}.`))?.[1] : undefined);
        const common = {
          label: t(s.label),
          name: s.path,
          error: err,
          required: s.required ?? false,
          hint: s.hint ? t(s.hint) : s.kind === 'list' ? t('form.listHint') : undefined,
        };
        if (s.kind === 'textarea')
          return <TextArea key={s.path} {...common} value={String(v ?? '')} onChange={(e) => onChange(s.path, e.target.value)} />;
        if (s.kind === 'select')
          return (
            <SelectField
              key={s.path}
              {...common}
              value={String(v ?? '')}
              onChange={(e) => onChange(s.path, e.target.value)}
              options={(s.options ?? []).map((o) => ({ value: o.value, label: t(o.label) }))}
            />
          );
        if (s.kind === 'checkbox')
          return (
            <CheckboxGroup
              key={s.path}
              legend={t(s.label)}
              name={s.path}
              error={err}
              value={v === true ? ['on'] : []}
              onChange={(x) => onChange(s.path, x.includes('on'))}
              options={[{ value: 'on', label: t(s.label) }]}
            />
          );
        if (s.kind === 'nodes')
          return (
            <div key={s.path} className={`field${err ? ' field--error' : ''}`}>
              <label htmlFor={`f-${s.path}`}>{t(s.label)}</label>
              <select
                id={`f-${s.path}`}
                multiple
                size={8}
                value={Array.isArray(v) ? v : []}
                aria-invalid={err ? true : undefined}
                onChange={(e) =>
                  onChange(
                    s.path,
                    Array.from(e.target.selectedOptions, (o) => o.value),
                  )
                }
              >
                {nodeOptions.map((c) => (
                  <optgroup key={c.chain} label={c.chain}>
                    {c.nodes.map((n) => (
                      <option key={n.id} value={n.id}>
                        {n.name}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              <p className="hint">{t('form.multiHint')}</p>
              {err ? (
                <p className="error" role="alert" data-field-error="">
                  {issue(err)}
                </p>
              ) : null}
            </div>
          );
        const type = s.kind === 'list' ? 'text' : s.kind;
        return (
          <TextField
            key={s.path}
            {...common}
            type={type}
            {...(s.autoComplete ? { autoComplete: s.autoComplete } : {})}
            {...(s.kind === 'number' ? { inputMode: 'numeric' as const, min: 0 } : {})}
            value={String(v ?? '')}
            onChange={(e) => onChange(s.path, e.target.value)}
          />
        );
      })}
    </>
  );
}

const opts = <T extends string>(values: readonly T[], prefix: string) => values.map((v) => ({ value: v, label: `${prefix}.${v}` as MsgKey }));

export const TALENT_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'talent.name', kind: 'text', required: true, autoComplete: 'name' },
  { path: 'title', label: 'talent.title', kind: 'text', hint: 'talent.titleHint' },
  { path: 'organisation', label: 'talent.organisation', kind: 'text', autoComplete: 'organization' },
  { path: 'city', label: 'talent.city', kind: 'text', autoComplete: 'address-level2' },
  { path: 'phone', label: 'talent.phone', kind: 'tel', autoComplete: 'tel', hint: 'talent.phoneHint' },
  { path: 'email', label: 'talent.email', kind: 'email', autoComplete: 'email' },
  { path: 'summary', label: 'talent.summary', kind: 'textarea', hint: 'talent.summaryHint' },
  { path: 'skills', label: 'talent.skills', kind: 'list' },
  { path: 'fields', label: 'talent.fields', kind: 'list' },
  { path: 'achievements', label: 'talent.achievements', kind: 'list' },
  { path: 'yearsExperience', label: 'talent.years', kind: 'number' },
  {
    path: 'availability',
    label: 'talent.availability',
    kind: 'select',
    options: opts(['open_to_offers', 'available', 'part_time', 'unavailable'] as const, 'availability'),
  },
  { path: 'nodeIds', label: 'talent.nodes', kind: 'nodes' },
];

export const INSTITUTE_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'org.name', kind: 'text', required: true },
  { path: 'nameEn', label: 'org.nameEn', kind: 'text' },
  {
    path: 'kind',
    label: 'inst.kind',
    kind: 'select',
    required: true,
    options: opts(['university', 'research_institute', 'lab', 'new_rd_institution', 'engineering_center', 'testing_center'] as const, 'instKind'),
  },
  { path: 'city', label: 'org.city', kind: 'text', required: true },
  { path: 'description', label: 'org.description', kind: 'textarea' },
  { path: 'capabilities', label: 'inst.capabilities', kind: 'list' },
  { path: 'equipment', label: 'inst.equipment', kind: 'list' },
  { path: 'disciplines', label: 'inst.disciplines', kind: 'list' },
  { path: 'platforms', label: 'inst.platforms', kind: 'list' },
  { path: 'nodeIds', label: 'org.nodes', kind: 'nodes' },
  { path: 'contact.name', label: 'org.contactName', kind: 'text' },
  { path: 'contact.phone', label: 'org.contactPhone', kind: 'tel' },
  { path: 'contact.email', label: 'org.contactEmail', kind: 'email' },
];

export const ENTERPRISE_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'org.name', kind: 'text', required: true },
  { path: 'nameEn', label: 'org.nameEn', kind: 'text' },
  { path: 'creditCode', label: 'ent.creditCode', kind: 'text', required: true, hint: 'ent.creditCodeHint' },
  { path: 'city', label: 'org.city', kind: 'text', required: true },
  { path: 'district', label: 'ent.district', kind: 'text' },
  { path: 'description', label: 'org.description', kind: 'textarea' },
  { path: 'employees', label: 'ent.employees', kind: 'number' },
  { path: 'website', label: 'ent.website', kind: 'url' },
  { path: 'nodeIds', label: 'org.nodes', kind: 'nodes' },
  { path: 'liaison.name', label: 'ent.liaisonName', kind: 'text' },
  { path: 'liaison.phone', label: 'org.contactPhone', kind: 'tel' },
  { path: 'liaison.email', label: 'org.contactEmail', kind: 'email' },
];
