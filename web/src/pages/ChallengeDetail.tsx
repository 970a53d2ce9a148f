import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api.js';
import { useApp } from '../context.js';
import { Link } from '../router.js';
import { ErrorBox, Empty, Loading } from '../components/Status.js';
import { ScoreBar } from '../components/Matches.js';
import { useConceptNames, useGet, usePartyNames, useWhen } from '../hooks.js';
import { useAction } from '../useAction.js';
import type { MsgKey } from '../i18n.js';
import {
  APPLYING_STAGES,
  STAGE_ORDER,
  type Application,
  type Challenge,
  type ChallengeStage,
  type Consortia,
  type PartyType,
  type Transition,
} from '../instruments.js';
import type { Role } from '../types.js';

const APPLIES_AS: Partial<Record<Role, PartyType>> = { talent: 'talent', institute: 'institute', enterprise: 'enterprise' };
const CONSORTIUM_ROLES: readonly Role[] = ['admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute'];
const PARTY_TYPES: readonly PartyType[] = ['institute', 'enterprise', 'talent'];

const isStage = (s: string): s is ChallengeStage => (STAGE_ORDER as readonly string[]).includes(s) || s === 'cancelled';

/** One 揭榜挂帅 challenge: the call, its stages and who moved it when, applications, consortia, and applying. */
export default function ChallengeDetail({ params }: { params: Record<string, string> }) {
  const { t, role, session, chainName, nodeName } = useApp();
  const id = params['id'] ?? '';
  const challenge = useGet<Challenge>(`/api/v1/challenges/${encodeURIComponent(id)}`);
  const c = challenge.data;
  const concept = useConceptNames(c?.conceptIds ?? []);
  const signedIn = role !== null;
  const apps = useGet<{ items: Application[] }>(signedIn && c ? `/api/v1/challenges/${encodeURIComponent(c.id)}/applications` : null);

  if (challenge.error) return <ErrorBox error={challenge.error} />;
  if (!c) return <Loading />;
  const manages =
    role === 'admin' ||
    (role === 'chain_chief' && !!session?.me.chains.includes(c.chainId)) ||
    (role === 'enterprise' && session?.me.subjectId === c.enterpriseId);
  const as = role ? APPLIES_AS[role] : undefined;
  const mayApply = !!as && APPLYING_STAGES.includes(c.stage) && !(as === 'enterprise' && session?.me.subjectId === c.enterpriseId);
  const reload = () => {
    challenge.reload();
    apps.reload();
  };

  return (
    <section data-testid="challenge-detail">
      <header className="page-head">
        <p className="muted small">
          <Link to={`/challenges?chain=${c.chainId}`}>{t('chal.title')}</Link> · {chainName(c.chainId)} ·{' '}
          <Link to={`/chains/${c.chainId}?node=${encodeURIComponent(c.nodeId)}`}>{nodeName(c.nodeId)}</Link>
        </p>
        <h1>
          {c.title} <span className={`tag tag--stage-${c.stage}`}>{t(`stage.c.${c.stage}`)}</span>
          {c.late ? <span className="tag tag--late">{t('project.late')}</span> : null}
        </h1>
        <p className="muted">
          {t('chal.reward', { n: c.rewardWan })} · {t('chal.deadline', { date: c.deadline })}
          {c.completionDue ? ` · ${t('chal.completionDue', { date: c.completionDue })}` : ''} ·{' '}
          <Link to={`/needs/${c.needId}`}>{t('chal.need')}</Link>
        </p>
      </header>

      <StageTimeline challenge={c} />

      <div className="grid2">
        <section className="card" aria-labelledby="goal">
          <h2 id="goal">{t('chal.goal')}</h2>
          <p className="prewrap">{c.goal}</p>
          <h3>{t('chal.criteria')}</h3>
          <ol>
            {c.acceptanceCriteria.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
          </ol>
          {c.conceptIds.length > 0 ? (
            <>
              <h3>{t('chal.concepts')}</h3>
              <ul className="chips" data-testid="challenge-concepts">
                {c.conceptIds.map((x) => (
                  <li key={x} className="chip">
                    {concept(x)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
        <HistoryCard history={c.history} applications={apps.data?.items ?? []} />
      </div>

      {manages ? <ManagePanel challenge={c} onChanged={reload} /> : null}

      {signedIn ? (
        <Applications challenge={c} data={apps.data} error={apps.error} manages={manages} onChanged={reload} />
      ) : (
        <p className="hint">{t('chal.signInToApply')}</p>
      )}

      {role && CONSORTIUM_ROLES.includes(role) ? <ConsortiumSection challenge={c} applyAs={mayApply ? as : undefined} /> : null}
      {mayApply && as ? <ApplyForm challenge={c} as={as} onApplied={apps.reload} /> : null}
      {as && !mayApply && signedIn ? <p className="hint">{t('chal.notApplying', { stage: t(`stage.c.${c.stage}`) })}</p> : null}
    </section>
  );
}

/** 征集需求 → 发榜 → 揭榜 → 论证对接 → 签约 → 验收, with the day each stage was reached. */
function StageTimeline({ challenge }: { challenge: Challenge }) {
  const { t } = useApp();
  const when = useWhen();
  const reached = new Map<string, string>();
  for (const h of challenge.history) if ((h.event ?? 'stage') === 'stage') reached.set(h.to, h.at);
  const current = STAGE_ORDER.indexOf(challenge.stage as (typeof STAGE_ORDER)[number]);
  return (
    <section className="card" aria-labelledby="stages">
      <h2 id="stages">{t('chal.stages')}</h2>
      {challenge.stage === 'cancelled' ? (
        <p className="alert alert--error">{t('chal.cancelled', { at: when(reached.get('cancelled') ?? challenge.updatedAt) })}</p>
      ) : null}
      <ol className="timeline" data-testid="stage-timeline">
        {STAGE_ORDER.map((s, i) => {
          // 验收 is the end: reached, it is done rather than under way.
          const state = i < current || (i === current && s === 'accepted') ? 'done' : i === current ? 'current' : 'todo';
          const at = reached.get(s);
          return (
            <li key={s} className={`timeline__step timeline__step--${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="timeline__dot" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              <span className="timeline__label">{t(`stage.c.${s}`)}</span>
              <span className="timeline__at small muted">{at ? when(at) : state === 'todo' ? t('chal.stageTodo') : ''}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function eventLabel(t: ReturnType<typeof useApp>['t'], h: Transition): string {
  const ev = h.event ?? 'stage';
  const key = `chal.event.${ev}` as MsgKey;
  return t(key) || ev;
}

function stateLabel(t: ReturnType<typeof useApp>['t'], s: string): string {
  if (isStage(s)) return t(`stage.c.${s}`);
  const k = `appStatus.${s}` as MsgKey;
  return t(k) || s;
}

/** Every move of the challenge with who (role and account) and when: the record a chain team answers for. */
function HistoryCard({ history, applications }: { history: Transition[]; applications: Application[] }) {
  const { t } = useApp();
  const when = useWhen();
  const names = usePartyNames(applications.map((a) => a.lead));
  const appName = (id: string) => {
    const a = applications.find((x) => x.id === id);
    return a ? t('chal.appOf', { name: names(a.lead.type, a.lead.id) }) : id;
  };
  return (
    <section className="card" aria-labelledby="history" data-testid="challenge-history">
      <h2 id="history">{t('chal.history')}</h2>
      <div className="scroll-x">
        <table className="table small">
          <thead>
            <tr>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('history.what')}</th>
              <th scope="col">{t('history.who')}</th>
            </tr>
          </thead>
          <tbody>
            {[...history].reverse().map((h, i) => (
              <tr key={i} data-testid="history-row">
                <td>
                  <time dateTime={h.at}>{when(h.at)}</time>
                </td>
                <td>
                  <strong>{eventLabel(t, h)}</strong>{' '}
                  {h.event === 'selection' ? appName(h.to) : `${h.from ? `${stateLabel(t, h.from)} → ` : ''}${stateLabel(t, h.to)}`}
                  {h.note ? <p className="muted small">{h.note}</p> : null}
                </td>
                <td>
                  {t(`role.${h.role as Role}`) || h.role}
                  <br />
                  <span className="muted small">{h.actorId}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** For the publishing enterprise and the chain team: move to the allowed next stage, with a note. */
function ManagePanel({ challenge, onChanged }: { challenge: Challenge; onChanged(): void }) {
  const { t, api } = useApp();
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const id = useId();
  if (challenge.allowedNext.length === 0) return null;
  const move = (to: ChallengeStage) =>
    run(async () => {
      await api.post(`/api/v1/challenges/${encodeURIComponent(challenge.id)}/transitions`, { to, ...(note.trim() ? { note: note.trim() } : {}) });
      setNote('');
      onChanged();
    });
  return (
    <section className="card" aria-labelledby="manage" data-testid="manage">
      <h2 id="manage">{t('chal.manage')}</h2>
      <p className="hint">{t('chal.manageLead')}</p>
      <div className="field">
        <label htmlFor={id}>{t('chal.moveNote')}</label>
        <input id={id} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      </div>
      <div className="actions">
        {challenge.allowedNext.map((to) => (
          <button key={to} type="button" className={`btn${to === 'cancelled' ? ' btn--ghost' : ''}`} disabled={busy} onClick={() => void move(to)}>
            {t('chal.moveTo', { stage: t(`stage.c.${to}`) })}
          </button>
        ))}
      </div>
      <ErrorBox error={error} />
    </section>
  );
}

function Applications({
  challenge,
  data,
  error,
  manages,
  onChanged,
}: {
  challenge: Challenge;
  data: { items: Application[] } | null;
  error: unknown;
  manages: boolean;
  onChanged(): void;
}) {
  const { t, api } = useApp();
  const when = useWhen();
  const items = data?.items ?? null;
  const names = usePartyNames((items ?? []).flatMap((a) => a.members));
  const { busy, error: actionError, run } = useAction();
  const act = (path: string, body: unknown) =>
    run(async () => {
      await api.post(path, body);
      onChanged();
    });
  const reviewing = challenge.stage === 'taken' || challenge.stage === 'reviewing';
  return (
    <section className="card" aria-labelledby="apps" data-testid="applications">
      <h2 id="apps">{manages ? t('chal.applications', { n: items?.length ?? 0 }) : t('chal.myApplications')}</h2>
      <ErrorBox error={error} />
      <ErrorBox error={actionError} />
      {!items && !error ? <Loading /> : null}
      {items && items.length === 0 ? <Empty>{t('chal.noApplications')}</Empty> : null}
      {items && items.length > 0 ? (
        <ul className="cards">
          {items.map((a) => (
            <li
              key={a.id}
              className={`subcard${a.id === challenge.selectedApplicationId ? ' subcard--selected' : ''}`}
              data-testid="application"
              data-status={a.status}
            >
              <h3>
                {a.mode === 'consortium' ? t('chal.consortium') : t('chal.solo')} · {names(a.lead.type, a.lead.id)}{' '}
                <span className={`tag tag--app-${a.status}`}>{t(`appStatus.${a.status}`)}</span>
              </h3>
              <ul className="plain small">
                {a.members.map((m) => (
                  <li key={`${m.type}:${m.id}`}>
                    <span className="tag">{t(`party.${m.type}`)}</span> {names(m.type, m.id)} · {m.role}
                    {m.contribution ? <span className="muted"> · {m.contribution}</span> : null}
                  </li>
                ))}
              </ul>
              <p className="small prewrap">{a.proposal}</p>
              <p className="small muted">
                {a.budgetWan !== undefined ? t('chal.budget', { n: a.budgetWan }) : ''}
                {a.plannedMonths !== undefined ? ` · ${t('chal.months', { n: a.plannedMonths })}` : ''} ·{' '}
                {t('chal.submittedAt', { at: when(a.createdAt) })}
                {a.review ? ` · ${t('chal.reviewScore', { score: a.review.score ?? '—' })}${a.review.note ? `（${a.review.note}）` : ''}` : ''}
              </p>
              {manages && reviewing && (a.status === 'submitted' || a.status === 'shortlisted') ? (
                <div className="actions">
                  {a.status === 'submitted' ? (
                    <button
                      type="button"
                      className="btn btn--ghost btn--small"
                      disabled={busy}
                      onClick={() => void act(`/api/v1/applications/${a.id}/review`, { decision: 'shortlisted' })}
                    >
                      {t('chal.shortlist')}
                    </button>
                  ) : null}
                  <button
                    type="button"
                    className="btn btn--ghost btn--small"
                    disabled={busy}
                    onClick={() => void act(`/api/v1/applications/${a.id}/review`, { decision: 'rejected' })}
                  >
                    {t('chal.reject')}
                  </button>
                  {challenge.stage === 'reviewing' ? (
                    <button
                      type="button"
                      className="btn btn--small"
                      disabled={busy}
                      onClick={() => void act(`/api/v1/challenges/${challenge.id}/selection`, { applicationId: a.id })}
                    >
                      {t('chal.select')}
                    </button>
                  ) : null}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function ConsortiumSection({ challenge, applyAs }: { challenge: Challenge; applyAs: PartyType | undefined }) {
  const { t, lang, pick } = useApp();
  const { data, error } = useGet<Consortia>(`/api/v1/challenges/${encodeURIComponent(challenge.id)}/consortium-recommendations`, { limit: 3 });
  const name = (id: string) => {
    const c = data?.concepts.find((x) => x.id === id);
    return c ? pick(c.zh, c.en) : id;
  };
  return (
    <section className="card" aria-labelledby="consortia" data-testid="consortia">
      <h2 id="consortia">{t('chal.consortia')}</h2>
      <p className="hint">{t('chal.consortiaLead')}</p>
      <ErrorBox error={error} />
      {!data && !error ? <Loading /> : null}
      {data && data.consortia.length === 0 ? <Empty>{t('chal.noConsortia')}</Empty> : null}
      {data?.bestSingle ? (
        <p className="small">{t('chal.bestSingle', { name: data.bestSingle.name, n: data.bestSingle.covers.length, total: data.concepts.length })}</p>
      ) : null}
      {data && data.consortia.length > 0 ? (
        <ol className="matches">
          {data.consortia.map((team, i) => (
            <li key={i} className="match" data-testid="consortium">
              <div className="match__head">
                <span className="match__rank">{i + 1}</span>
                <div className="match__who">
                  <h3>
                    {team.members.map((m) => m.name).join(' + ')}
                    {team.beatsBestSingle ? <span className="tag tag--closed">{t('chal.beatsSingle')}</span> : null}
                  </h3>
                </div>
                <div className="match__score">
                  <span className="muted small">{t('chal.coverage')}</span>
                  <ScoreBar value={team.coverage} label={t('chal.coverage')} />
                </div>
              </div>
              <ul className="plain small">
                {team.members.map((m) => (
                  <li key={`${m.type}:${m.id}`}>
                    <span className="tag">{t(`party.${m.type}`)}</span> <strong>{m.name}</strong> · {m.role} · {t('chal.covers')}:{' '}
                    {m.covers.map((c) => pick(c.zh, c.en)).join('、')}
                  </li>
                ))}
              </ul>
              <p className="match__why" data-testid="coverage-explanation">
                {lang === 'en' ? team.explanation.en : team.explanation.zh}
              </p>
              {team.missing.length > 0 ? <p className="small muted">{t('chal.missing', { list: team.missing.map(name).join('、') })}</p> : null}
              {applyAs ? (
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  onClick={() =>
                    window.dispatchEvent(
                      new CustomEvent<TeamPick>('chaintalent:team', {
                        detail: team.members.map((m) => ({ type: m.type, id: m.id, role: m.role, name: m.name })),
                      }),
                    )
                  }
                >
                  {t('chal.useTeam')}
                </button>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

type TeamPick = Array<{ type: PartyType; id: string; role: string; name: string }>;
interface Partner {
  type: PartyType;
  id: string;
  role: string;
  name?: string;
}

/** Apply alone or as a consortium; the caller is always the first member (the lead). */
function ApplyForm({ challenge, as, onApplied }: { challenge: Challenge; as: PartyType; onApplied(): void }) {
  const { t, api, session, issue } = useApp();
  const [mode, setMode] = useState<'solo' | 'consortium'>('solo');
  const [myRole, setMyRole] = useState(() => t(as === 'institute' ? 'apply.roleLead' : as === 'talent' ? 'apply.roleExpert' : 'apply.rolePilot'));
  const [partners, setPartners] = useState<Partner[]>([]);
  const [proposal, setProposal] = useState('');
  const [budget, setBudget] = useState('');
  const [months, setMonths] = useState('');
  const { busy, error, run } = useAction();
  const [done, setDone] = useState(false);
  const id = useId();
  const me = session?.me.subjectId ?? '';

  // "Use this team" on a recommended consortium fills the partners in.
  useEffect(() => {
    const on = (e: Event) => {
      const team = (e as CustomEvent<TeamPick>).detail.filter((m) => !(m.type === as && m.id === me));
      setMode('consortium');
      setPartners(team.map((m) => ({ type: m.type, id: m.id, role: m.role, name: m.name })));
      document.getElementById(`${id}-form`)?.scrollIntoView({ block: 'start' });
    };
    window.addEventListener('chaintalent:team', on);
    return () => window.removeEventListener('chaintalent:team', on);
  }, [as, me, id]);

  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await run(async () => {
      await api.post(`/api/v1/challenges/${encodeURIComponent(challenge.id)}/applications`, {
        mode,
        members: [
          { type: as, id: me, role: myRole.trim() },
          ...(mode === 'consortium' ? partners.map((p) => ({ type: p.type, id: p.id.trim(), role: p.role.trim() })) : []),
        ],
        proposal: proposal.trim(),
        ...(budget.trim() ? { budgetWan: Number(budget) } : {}),
        ...(months.trim() ? { plannedMonths: Number(months) } : {}),
      });
      setDone(true);
      onApplied();
    });
  };
  const err = (k: string) => (fields[k] ? issue(fields[k]) : undefined);
  const setPartner = (i: number, patch: Partial<Partner>) => setPartners((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));

  if (done)
    return (
      <p className="alert alert--ok" role="status" data-testid="applied">
        {t('apply.done')}
      </p>
    );
  return (
    <section className="card" aria-labelledby={`${id}-title`} id={`${id}-form`}>
      <h2 id={`${id}-title`}>{t('apply.title')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate data-testid="apply-form">
        <fieldset className="field checks">
          <legend>{t('apply.mode')}</legend>
          {(['solo', 'consortium'] as const).map((m) => (
            <label key={m} className="check">
              <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} />
              <span>{m === 'solo' ? t('chal.solo') : t('chal.consortium')}</span>
            </label>
          ))}
          {err('members') ? (
            <p className="error" data-field-error="">
              {err('members')}
            </p>
          ) : null}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-myrole`}>{t('apply.myRole')}</label>
          <input
            id={`${id}-myrole`}
            value={myRole}
            onChange={(e) => setMyRole(e.target.value)}
            aria-invalid={err('members.0.role') ? true : undefined}
          />
          {err('members.0.role') ? (
            <p className="error" data-field-error="">
              {err('members.0.role')}
            </p>
          ) : null}
        </div>
        {mode === 'consortium' ? (
          <fieldset className="field">
            <legend>{t('apply.partners')}</legend>
            <p className="hint">{t('apply.partnersHint')}</p>
            {partners.map((p, i) => (
              <div key={i} className="row partner">
                <div className="field">
                  <label htmlFor={`${id}-pt-${i}`}>{t('apply.partnerType')}</label>
                  <select id={`${id}-pt-${i}`} value={p.type} onChange={(e) => setPartner(i, { type: e.target.value as PartyType })}>
                    {PARTY_TYPES.map((x) => (
                      <option key={x} value={x}>
                        {t(`party.${x}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`${id}-pi-${i}`}>{t('apply.partnerId')}</label>
                  <input
                    id={`${id}-pi-${i}`}
                    value={p.id}
                    onChange={(e) => setPartner(i, { id: e.target.value, name: undefined })}
                    aria-invalid={err(`members.${i + 1}.id`) ? true : undefined}
                  />
                  {p.name ? <p className="hint">{p.name}</p> : null}
                  {err(`members.${i + 1}.id`) ? (
                    <p className="error" data-field-error="">
                      {err(`members.${i + 1}.id`)}
                    </p>
                  ) : null}
                </div>
                <div className="field">
                  <label htmlFor={`${id}-pr-${i}`}>{t('apply.partnerRole')}</label>
                  <input
                    id={`${id}-pr-${i}`}
                    value={p.role}
                    onChange={(e) => setPartner(i, { role: e.target.value })}
                    aria-invalid={err(`members.${i + 1}.role`) ? true : undefined}
                  />
                  {err(`members.${i + 1}.role`) ? (
                    <p className="error" data-field-error="">
                      {err(`members.${i + 1}.role`)}
                    </p>
                  ) : null}
                </div>
                <button type="button" className="btn btn--ghost btn--small" onClick={() => setPartners((ps) => ps.filter((_, j) => j !== i))}>
                  {t('apply.removePartner')}
                </button>
              </div>
            ))}
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={() => setPartners((ps) => [...ps, { type: 'enterprise', id: '', role: '' }])}
            >
              {t('apply.addPartner')}
            </button>
          </fieldset>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-proposal`}>
            {t('apply.proposal')}
            <span className="req" aria-hidden="true">
              {' '}
              *
            </span>
          </label>
          <textarea
            id={`${id}-proposal`}
            rows={5}
            value={proposal}
            onChange={(e) => setProposal(e.target.value)}
            aria-required="true"
            aria-invalid={err('proposal') ? true : undefined}
            aria-describedby={`${id}-proposal-hint`}
          />
          <p className="hint" id={`${id}-proposal-hint`}>
            {t('apply.proposalHint')}
          </p>
          {err('proposal') ? (
            <p className="error" role="alert" data-field-error="">
              {err('proposal')}
            </p>
          ) : null}
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-budget`}>{t('apply.budget')}</label>
            <input
              id={`${id}-budget`}
              type="number"
              min={0}
              inputMode="decimal"
              value={budget}
              onChange={(e) => setBudget(e.target.value)}
              aria-invalid={err('budgetWan') ? true : undefined}
            />
            {err('budgetWan') ? (
              <p className="error" data-field-error="">
                {err('budgetWan')}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-months`}>{t('apply.months')}</label>
            <input
              id={`${id}-months`}
              type="number"
              min={1}
              max={120}
              step={1}
              value={months}
              onChange={(e) => setMonths(e.target.value)}
              aria-invalid={err('plannedMonths') ? true : undefined}
            />
            {err('plannedMonths') ? (
              <p className="error" data-field-error="">
                {err('plannedMonths')}
              </p>
            ) : null}
          </div>
        </div>
        <ErrorBox error={error} />
        <div className="actions">
          <button type="submit" className="btn" disabled={busy}>
            {t('apply.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
