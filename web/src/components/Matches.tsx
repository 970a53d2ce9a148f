import { useApp } from '../context.js';
import { COMPONENTS, type MatchResult } from '../types.js';
import type { PipelineStatus } from '../instruments.js';
import { ContactReveal } from './ContactReveal.js';
import { Highlight } from './Highlight.js';

const pct = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 100);

export function ScoreBar({ value, label }: { value: number; label: string }) {
  const p = pct(value);
  return (
    <div className="scorebar" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={p} aria-label={label}>
      <span className="scorebar__track" aria-hidden="true">
        <span className="scorebar__fill" style={{ width: `${p}%` }} />
      </span>
      <span className="scorebar__text">{p}</span>
    </div>
  );
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Title, subtitle and contacts of a matched record, whichever kind it is. */
export function describe(r: MatchResult['record'], pick: (zh?: string, en?: string) => string) {
  const name = pick(str(r['name']) ?? str(r['title']), str(r['nameEn']));
  const subtitle = [str(r['title']) && str(r['name']) ? str(r['title']) : undefined, str(r['organisation']), str(r['city'])]
    .filter(Boolean)
    .join(' · ');
  const skills = [...list(r['skills']), ...list(r['capabilities'])].slice(0, 8);
  const contact = r['contact'] as { phone?: string; email?: string } | undefined;
  return { name, subtitle, skills, phone: str(r['phone']) ?? contact?.phone, email: str(r['email']) ?? contact?.email };
}

/** Ranked, explained candidates: score bar, score components, explanation, shortlist (the need's pipeline), contact. */
export function MatchList({
  results,
  pipeline,
  onShortlist,
  busy,
  needId,
}: {
  results: MatchResult[];
  /** Candidate id → its status in the need's match pipeline. */
  pipeline?: ReadonlyMap<string, PipelineStatus>;
  onShortlist?: (m: MatchResult) => void;
  busy?: boolean;
  needId?: string;
}) {
  const { t, lang, pick } = useApp();
  return (
    <ol className="matches" data-testid="matches">
      {results.map((m, i) => {
        const d = describe(m.record, pick);
        const status = pipeline?.get(m.id);
        const listed = status !== undefined;
        return (
          <li key={m.id} className={`match${listed ? ' match--listed' : ''}`} data-testid="match">
            <div className="match__head">
              <span className="match__rank" aria-label={t('match.rank', { n: i + 1 })}>
                {i + 1}
              </span>
              <div className="match__who">
                <h3>
                  <Highlight html={m.highlights['title']} fallback={d.name} />
                </h3>
                {d.subtitle ? <p className="muted">{d.subtitle}</p> : null}
              </div>
              <div className="match__score">
                <span className="muted small">{t('match.score')}</span>
                <ScoreBar value={m.score} label={t('match.score')} />
              </div>
            </div>
            <p className="match__why" data-testid="explanation">
              {lang === 'en' ? m.explanation.en : m.explanation.zh}
            </p>
            {m.matched.concepts.length > 0 ? (
              <ul className="chips" aria-label={t('match.concepts')}>
                {m.matched.concepts.map((c) => (
                  <li key={c.id} className={`chip${c.via === 'related' ? ' chip--soft' : ''}`}>
                    {lang === 'en' ? c.en : c.zh}
                  </li>
                ))}
              </ul>
            ) : null}
            <details className="match__components">
              <summary>{t('match.components')}</summary>
              <dl className="components" data-testid="components">
                {COMPONENTS.map((c) => (
                  <div key={c} className="components__row">
                    <dt>{t(`component.${c}`)}</dt>
                    <dd>
                      <ScoreBar value={m.components[c]} label={t(`component.${c}`)} />
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
            <div className="match__actions">
              {onShortlist ? (
                listed ? (
                  <span className="tag tag--matched" data-testid="in-pipeline">
                    {t('match.shortlisted', { status: t(`pipeline.${status}`) })}
                  </span>
                ) : (
                  <button type="button" className="btn btn--small btn--ghost" disabled={busy} onClick={() => onShortlist(m)}>
                    {t('match.shortlist')}
                  </button>
                )
              ) : null}
              {m.type === 'talents' ? (
                <ContactReveal talentId={m.id} phone={d.phone} email={d.email} needId={needId} />
              ) : d.phone || d.email ? (
                <p className="small muted">
                  {t('talent.phone')} {d.phone ?? t('common.none')} · {t('talent.email')} {d.email ?? t('common.none')}
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
