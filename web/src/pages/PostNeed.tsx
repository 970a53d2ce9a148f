import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { useApp } from '../context.js';
import { navigate } from '../router.js';
import { CheckboxGroup, SelectField, TextArea, TextField, focusFirstError, splitList } from '../components/Form.js';
import { ErrorBox, Loading } from '../components/Status.js';
import { MatchList } from '../components/Matches.js';
import type { Enterprise, MatchResponse, Need } from '../types.js';

const KINDS = ['talent', 'challenge', 'collaboration'] as const;

interface Draft {
  enterpriseId: string;
  chain: string;
  nodeId: string;
  gapId: string;
  kind: (typeof KINDS)[number];
  title: string;
  description: string;
  skills: string;
  city: string;
  minWan: string;
  maxWan: string;
  deadline: string;
  visibility: string[];
}

/** The body the needs API accepts; empty optional fields are left out rather than sent blank. */
function toBody(d: Draft): Record<string, unknown> {
  const budget: Record<string, number> = {};
  if (d.minWan.trim()) budget['minWan'] = Number(d.minWan);
  if (d.maxWan.trim()) budget['maxWan'] = Number(d.maxWan);
  return {
    enterpriseId: d.enterpriseId,
    nodeId: d.nodeId,
    ...(d.gapId ? { gapId: d.gapId } : {}),
    kind: d.kind,
    title: d.title,
    description: d.description,
    skills: splitList(d.skills),
    city: d.city,
    ...(Object.keys(budget).length > 0 ? { budget } : {}),
    ...(d.deadline ? { deadline: d.deadline } : {}),
    public: d.visibility.includes('public'),
  };
}

export default function PostNeed() {
  const { t, api, chains, session, role, pick, nodeName } = useApp();
  const form = useRef<HTMLFormElement>(null);
  const [enterprises, setEnterprises] = useState<Enterprise[] | null>(null);
  const [d, setD] = useState<Draft>({
    enterpriseId: session?.me.subjectId ?? '',
    chain: session?.me.chains[0] ?? '',
    nodeId: '',
    gapId: '',
    kind: 'talent',
    title: '',
    description: '',
    skills: '',
    city: '佛山',
    minWan: '',
    maxWan: '',
    deadline: '',
    visibility: ['public'],
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<MatchResponse | null>(null);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  // Government roles post on behalf of an enterprise; an enterprise always posts as itself.
  useEffect(() => {
    if (role === 'enterprise') return;
    api
      .all<Enterprise>('/api/v1/enterprises', d.chain ? { chain: d.chain, sort: 'name', order: 'asc' } : { sort: 'name', order: 'asc' }, 300)
      .then(setEnterprises)
      .catch(() => setEnterprises([]));
  }, [api, role, d.chain]);

  const chain = chains?.find((c) => c.code === d.chain);
  const node = chain?.nodes.find((n) => n.id === d.nodeId);
  const chainOptions = useMemo(
    () => [
      { value: '', label: t('form.choose') },
      ...(chains ?? [])
        .filter((c) => role !== 'chain_chief' || session?.me.chains.includes(c.code))
        .map((c) => ({ value: c.code, label: pick(c.name, c.nameEn) })),
    ],
    [chains, pick, t, role, session],
  );

  const fail = (err: unknown) => {
    if (err instanceof ApiError && err.issues.length > 0) {
      setErrors(err.fieldErrors());
      setError(null);
      focusFirstError(form.current);
    } else setError(err);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const need = await api.post<Need>('/api/v1/needs', toBody(d));
      navigate(`/needs/${need.id}?posted=1`);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  const previewMatches = async () => {
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      const skills = splitList(d.skills);
      setPreview(
        await api.post<MatchResponse>('/api/v1/match', {
          title: d.title,
          description: d.description,
          ...(skills.length ? { skills } : {}),
          ...(d.nodeId ? { nodeId: d.nodeId } : {}),
          ...(d.city ? { city: d.city } : {}),
          kind: d.kind === 'talent' ? 'talent' : 'institute',
          limit: 5,
        }),
      );
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  };

  if (!chains) return <Loading />;
  return (
    <section className="narrow-wide">
      <header className="page-head">
        <h1>{t('post.title')}</h1>
        <p className="muted">{t('post.lead')}</p>
      </header>
      <form ref={form} className="form card" noValidate onSubmit={(e) => void submit(e)} data-testid="need-form">
        {role !== 'enterprise' ? (
          <SelectField
            label={t('post.enterprise')}
            name="enterpriseId"
            value={d.enterpriseId}
            onChange={(e) => set('enterpriseId', e.target.value)}
            error={errors['enterpriseId']}
            required
            options={[
              { value: '', label: enterprises ? t('form.choose') : t('common.loading') },
              ...(enterprises ?? []).map((x) => ({ value: x.id, label: x.name })),
            ]}
          />
        ) : null}
        <div className="row">
          <SelectField
            label={t('post.chain')}
            name="chain"
            value={d.chain}
            onChange={(e) => setD((x) => ({ ...x, chain: e.target.value, nodeId: '', gapId: '' }))}
            options={chainOptions}
            required
          />
          <SelectField
            label={t('post.node')}
            name="nodeId"
            value={d.nodeId}
            onChange={(e) => setD((x) => ({ ...x, nodeId: e.target.value, gapId: '' }))}
            error={errors['nodeId']}
            required
            options={[
              { value: '', label: t('form.choose') },
              ...(chain?.nodes ?? []).map((n) => ({ value: n.id, label: `${t(`stage.${n.stage}`)} · ${nodeName(n.id)}` })),
            ]}
          />
        </div>
        {node && node.gaps.length > 0 ? (
          <SelectField
            label={t('post.gap')}
            name="gapId"
            value={d.gapId}
            onChange={(e) => set('gapId', e.target.value)}
            error={errors['gapId']}
            hint={t('post.gapHint')}
            options={[
              { value: '', label: t('post.noGap') },
              ...node.gaps.map((g) => ({ value: g.id, label: `${g.title}（${t(`gapKind.${g.kind}`)} · ${g.severity}）` })),
            ]}
          />
        ) : null}
        <SelectField
          label={t('post.kind')}
          name="kind"
          value={d.kind}
          onChange={(e) => set('kind', e.target.value as Draft['kind'])}
          error={errors['kind']}
          options={KINDS.map((k) => ({ value: k, label: t(`needKind.${k}`) }))}
        />
        <TextField
          label={t('post.needTitle')}
          name="title"
          value={d.title}
          onChange={(e) => set('title', e.target.value)}
          error={errors['title']}
          hint={t('post.titleHint')}
          required
        />
        <TextArea
          label={t('post.description')}
          name="description"
          value={d.description}
          onChange={(e) => set('description', e.target.value)}
          error={errors['description']}
          hint={t('post.descriptionHint')}
          required
        />
        <TextField
          label={t('post.skills')}
          name="skills"
          value={d.skills}
          onChange={(e) => set('skills', e.target.value)}
          error={errors['skills']}
          hint={t('form.listHint')}
        />
        <div className="row">
          <TextField
            label={t('post.city')}
            name="city"
            value={d.city}
            onChange={(e) => set('city', e.target.value)}
            error={errors['city']}
            required
          />
          <TextField
            label={t('post.deadline')}
            name="deadline"
            type="date"
            value={d.deadline}
            onChange={(e) => set('deadline', e.target.value)}
            error={errors['deadline']}
          />
        </div>
        <div className="row">
          <TextField
            label={t('post.minWan')}
            name="minWan"
            type="number"
            min={0}
            inputMode="decimal"
            value={d.minWan}
            onChange={(e) => set('minWan', e.target.value)}
            error={errors['budget.minWan']}
          />
          <TextField
            label={t('post.maxWan')}
            name="maxWan"
            type="number"
            min={0}
            inputMode="decimal"
            value={d.maxWan}
            onChange={(e) => set('maxWan', e.target.value)}
            error={errors['budget.maxWan']}
          />
        </div>
        <CheckboxGroup
          legend={t('post.visibility')}
          name="visibility"
          value={d.visibility}
          onChange={(v) => set('visibility', v)}
          options={[{ value: 'public', label: t('post.public'), hint: t('post.publicHint') }]}
        />
        <ErrorBox error={error} />
        {Object.keys(errors).length > 0 ? (
          <p className="alert alert--error" role="alert" data-testid="form-errors">
            {t('form.fix', { n: Object.keys(errors).length })}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn" disabled={busy}>
            {t('post.submit')}
          </button>
          <button type="button" className="btn btn--ghost" disabled={busy} onClick={() => void previewMatches()}>
            {t('post.preview')}
          </button>
        </div>
      </form>
      {preview ? (
        <section aria-labelledby="preview" className="card">
          <h2 id="preview">{t('post.previewTitle')}</h2>
          {preview.results.length === 0 ? <p className="empty">{t('match.none')}</p> : <MatchList results={preview.results} />}
        </section>
      ) : null}
    </section>
  );
}
