import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { City, NodeId, Tags, text } from '../server/domain/primitives.js';
import { InstituteInput, TalentInput } from '../server/domain/schemas.js';

/**
 * Schemas of the hand-written evaluation set (eval/data/*.json): candidate profiles, and needs
 * with graded relevance judgements. See eval/data/README.md for how the set was written.
 */

export const EvalLang = z.enum(['zh', 'en', 'mixed']);
export type EvalLang = z.infer<typeof EvalLang>;

export const CandidateType = z.enum(['talent', 'institute']);
export type CandidateType = z.infer<typeof CandidateType>;

export const EVAL_TAGS = ['cross-language', 'symptom', 'trap', 'mixed', 'plain'] as const;
export const EvalTag = z.enum(EVAL_TAGS);
export type EvalTag = z.infer<typeof EvalTag>;

export const CandidateId = z.string().regex(/^c\d{3,4}$/, 'must look like c001');
export const NeedId = z.string().regex(/^q\d{2,3}$/, 'must look like q01');

/** 3 = solves it, 2 = strong partial, 1 = weak; a candidate not listed is graded 0. */
export const Grade = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type Grade = z.infer<typeof Grade>;
export type GradeOrZero = Grade | 0;

export const TalentCandidate = z.strictObject({
  id: CandidateId,
  type: z.literal('talent'),
  lang: EvalLang,
  record: TalentInput,
});
export const InstituteCandidate = z.strictObject({
  id: CandidateId,
  type: z.literal('institute'),
  lang: EvalLang,
  record: InstituteInput,
});
export const EvalCandidate = z.discriminatedUnion('type', [TalentCandidate, InstituteCandidate]);
export type TalentCandidate = z.infer<typeof TalentCandidate>;
export type InstituteCandidate = z.infer<typeof InstituteCandidate>;
export type EvalCandidate = z.infer<typeof EvalCandidate>;
export const EvalCandidates = z.array(EvalCandidate).min(1);

/** What an enterprise typed: the searchable part of a need, without enterprise, budget or status. */
export const EvalNeedText = z.strictObject({
  title: text(4, 80),
  description: text(10, 4000),
  skills: Tags(30, 40).optional(),
  nodeId: NodeId.optional(),
  city: City.optional(),
});
export type EvalNeedText = z.infer<typeof EvalNeedText>;

export const Judgements = z
  .record(CandidateId, Grade)
  .refine((j) => Object.values(j).includes(3), { message: 'needs at least one candidate graded 3' });
export type Judgements = z.infer<typeof Judgements>;

export const EvalNeed = z
  .strictObject({
    id: NeedId,
    lang: EvalLang,
    target: CandidateType,
    tags: z.array(EvalTag).min(1),
    need: EvalNeedText,
    judgements: Judgements,
    /**
     * For `trap` needs: candidates that share the need's key word (陶瓷, 电池, 视觉, 电机, 包装…) but
     * not its domain. They are graded 0 like every unlisted candidate; listing them lets a report
     * show how often a ranker falls for the shared word.
     */
    distractors: z.array(CandidateId).optional(),
    /**
     * Set when the need is no longer blind: something about its problem reached the people who
     * wrote the lexicon or the model. The report shows the figures with and without such needs.
     */
    exposed: z.string().min(10).optional(),
  })
  .superRefine((n, ctx) => {
    if (n.tags.includes('trap') && (n.distractors ?? []).length === 0)
      ctx.addIssue({ code: 'custom', path: ['distractors'], message: 'a trap need must list its distractors' });
    for (const d of n.distractors ?? [])
      if (d in n.judgements) ctx.addIssue({ code: 'custom', path: ['distractors'], message: `${d} is both judged and a distractor` });
  });
export type EvalNeed = z.infer<typeof EvalNeed>;
export const EvalNeeds = z.array(EvalNeed).min(1);

/**
 * Grades by an independent judge for candidates the authors left unlisted, pooled from the top 10
 * of every ranker `npm run eval` compares, judged blind (shuffled pairs, no ranks, no systems),
 * plus a blind re-grade of one judged pair per need to measure agreement with the authors.
 */
const JudgeGrade = z.union([z.literal(0), Grade]);
export const PooledJudgements = z.strictObject({
  method: z.string().min(20),
  judgedAt: z.iso.date(),
  pooled: z.array(z.strictObject({ need: NeedId, candidate: CandidateId, grade: JudgeGrade, why: z.string().max(300) })),
  agreement: z.array(z.strictObject({ need: NeedId, candidate: CandidateId, author: Grade, judge: JudgeGrade })),
});
export type PooledJudgements = z.infer<typeof PooledJudgements>;

/** Whose grades a report uses: the authors' alone, or theirs with the judge's pooled grades added. */
export type JudgementBasis = 'authors' | 'pooled';

/** Who wrote a need: `A` the first author (needs.json), `B` the second (needs-b.json). */
export type EvalAuthor = 'A' | 'B';
export const NEED_FILES: ReadonlyArray<[EvalAuthor, string]> = [
  ['A', 'needs.json'],
  ['B', 'needs-b.json'],
];

export interface EvalSet {
  candidates: EvalCandidate[];
  needs: EvalNeed[];
  authorOf: Map<string, EvalAuthor>;
  pooled: PooledJudgements;
  /** A need's grades on a basis; the judge only adds grades for candidates the authors did not list. */
  judgementsOf(need: EvalNeed, basis: JudgementBasis): Readonly<Record<string, number>>;
  candidateById: Map<string, EvalCandidate>;
}

/** The grade of a candidate for a need: its judgement, or 0 when it is not listed. */
export function gradeOf(need: EvalNeed, candidateId: string): GradeOrZero {
  return need.judgements[candidateId] ?? 0;
}

/** Cross-file checks the per-item schemas cannot express; returns human-readable problems. */
export function checkEvalSet(candidates: readonly EvalCandidate[], needs: readonly EvalNeed[]): string[] {
  const problems: string[] = [];
  const byId = new Map<string, EvalCandidate>();
  for (const c of candidates) {
    if (byId.has(c.id)) problems.push(`candidate ${c.id} is duplicated`);
    byId.set(c.id, c);
  }
  const needIds = new Set<string>();
  for (const n of needs) {
    if (needIds.has(n.id)) problems.push(`need ${n.id} is duplicated`);
    needIds.add(n.id);
    const referenced = [...Object.keys(n.judgements), ...(n.distractors ?? [])];
    for (const id of referenced) {
      const c = byId.get(id);
      if (!c) problems.push(`need ${n.id} references unknown candidate ${id}`);
      else if (c.type !== n.target) problems.push(`need ${n.id} targets ${n.target} but references ${id}, a ${c.type}`);
    }
  }
  return problems;
}

/** The pooled grades must add to the authors' judgements, never change them. */
export function checkPooled(candidates: readonly EvalCandidate[], needs: readonly EvalNeed[], pooled: PooledJudgements): string[] {
  const problems: string[] = [];
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const needById = new Map(needs.map((n) => [n.id, n]));
  const seen = new Set<string>();
  for (const p of pooled.pooled) {
    const n = needById.get(p.need);
    const key = `${p.need}/${p.candidate}`;
    if (!n) problems.push(`pooled grade for unknown need ${p.need}`);
    else if (p.candidate in n.judgements) problems.push(`pooled grade for ${key}, which the author judged`);
    else if (n.distractors?.includes(p.candidate)) problems.push(`pooled grade for ${key}, a distractor`);
    else if (!byId.has(p.candidate)) problems.push(`pooled grade for unknown candidate ${p.candidate}`);
    else if (byId.get(p.candidate)?.type !== n.target) problems.push(`pooled grade for ${key}: not a ${n.target}`);
    if (seen.has(key)) problems.push(`pooled grade for ${key} is duplicated`);
    seen.add(key);
  }
  const agreed = new Set(pooled.agreement.map((a) => a.need));
  if (agreed.size !== pooled.agreement.length) problems.push('the agreement sample re-grades some need twice');
  for (const a of pooled.agreement) {
    if (needById.get(a.need)?.judgements[a.candidate] !== a.author)
      problems.push(`agreement pair ${a.need}/${a.candidate} does not match the author's grade`);
  }
  return problems;
}

export const DEFAULT_EVAL_DIR = fileURLToPath(new URL('./data/', import.meta.url));

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`${file} is invalid:\n${z.prettifyError(r.error)}`);
  return r.data;
}

/** Loads and validates eval/data/candidates.json and the needs files (or the same files in `dir`). */
export async function loadEvalSet(dir: string = DEFAULT_EVAL_DIR): Promise<EvalSet> {
  const candidatesFile = path.join(dir, 'candidates.json');
  const candidates = parseOrThrow(EvalCandidates, await readJson(candidatesFile), candidatesFile);
  const needs: EvalNeed[] = [];
  const authorOf = new Map<string, EvalAuthor>();
  for (const [author, name] of NEED_FILES) {
    const file = path.join(dir, name);
    for (const n of parseOrThrow(EvalNeeds, await readJson(file), file)) {
      needs.push(n);
      authorOf.set(n.id, author);
    }
  }
  const pooledFile = path.join(dir, 'judgements-pooled.json');
  const pooled = parseOrThrow(PooledJudgements, await readJson(pooledFile), pooledFile);
  const problems = [...checkEvalSet(candidates, needs), ...checkPooled(candidates, needs, pooled)];
  if (problems.length > 0) throw new Error(`eval set in ${dir} is inconsistent:\n- ${problems.join('\n- ')}`);
  const added = new Map<string, Record<string, number>>();
  for (const p of pooled.pooled) added.set(p.need, { ...added.get(p.need), [p.candidate]: p.grade });
  const merged = new Map(needs.map((n) => [n.id, { ...added.get(n.id), ...n.judgements }]));
  return {
    candidates,
    needs,
    authorOf,
    pooled,
    judgementsOf: (need, basis) => (basis === 'authors' ? need.judgements : (merged.get(need.id) ?? need.judgements)),
    candidateById: new Map(candidates.map((c) => [c.id, c])),
  };
}
