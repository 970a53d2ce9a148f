import type { Principal } from '../../auth/principal.js';
import { AppError, ConflictError, NotFoundError, UnprocessableError } from '../../errors.js';
import type { Enterprise, Institute, Need, Talent } from '../../domain/schemas.js';
import type { FilterValue } from '../../store/port.js';
import { canManageNeed } from '../records/policies.js';
import { createRecordService, type RecordService } from '../records/service.js';
import { assertMove, chinaDate, isChainTeam, listAll, transition, type InstrumentDeps } from '../platforms/chain-scope.js';
import {
  APPLYING,
  ApplicationInput,
  ChallengeInput,
  STAGE_MOVES,
  STAGE_ZH,
  type Application,
  type Challenge,
  type ChallengeStage,
  type Party,
  type PartyType,
} from './schema.js';

/** The publishing enterprise and the chain team run a challenge; admins everywhere. */
export function managesChallenge(p: Principal | null, c: Pick<Challenge, 'chainId' | 'enterpriseId'>): boolean {
  return isChainTeam(p, c.chainId) || (p?.role === 'enterprise' && !!p.subjectId && p.subjectId === c.enterpriseId);
}

/** The roles that may apply, and the party type each acts as. */
const APPLIES_AS: Partial<Record<Principal['role'], PartyType>> = { talent: 'talent', institute: 'institute', enterprise: 'enterprise' };
const VISIBLE_STAGES: ChallengeStage[] = ['published', 'taken', 'reviewing', 'signed', 'accepted', 'cancelled'];

export interface ChallengeService {
  challenges: RecordService<Challenge>;
  applications: RecordService<Application>;
  create(p: Principal | null, input: Record<string, unknown>): Promise<Challenge>;
  move(p: Principal | null, id: string, to: ChallengeStage, note?: string): Promise<Challenge>;
  apply(p: Principal | null, challengeId: string, body: Record<string, unknown>): Promise<Application>;
  applicationsOf(p: Principal | null, challengeId: string): Promise<Application[]>;
  review(
    p: Principal | null,
    applicationId: string,
    r: { decision: 'shortlisted' | 'rejected'; score?: number | undefined; note?: string | undefined },
  ): Promise<Application>;
  select(p: Principal | null, challengeId: string, applicationId: string, note?: string): Promise<Challenge>;
  withdraw(p: Principal | null, applicationId: string): Promise<Application>;
  view(c: Challenge): Record<string, unknown>;
}

export function createChallengeService(deps: InstrumentDeps): ChallengeService {
  const { store, records, audit, enrich, clock } = deps;
  const col = store.collection<Challenge>('challenges');
  const apps = store.collection<Application>('applications');
  const needs = store.collection<Need>('needs');
  const parties = {
    talent: store.collection<Talent>('talents'),
    institute: store.collection<Institute>('institutes'),
    enterprise: store.collection<Enterprise>('enterprises'),
  };
  const today = () => chinaDate(clock());

  const challenges = createRecordService<Challenge>(
    col,
    {
      noun: 'challenge',
      idPrefix: 'chl',
      input: ChallengeInput,
      inputKeys: Object.keys(ChallengeInput.shape),
      immutable: ['needId'],
      derive: async (input, id) => {
        const needId = String(input['needId']);
        const need = await needs.get(needId);
        if (!need) throw new UnprocessableError('body.needId', `need ${needId} does not exist`);
        if (need.kind !== 'challenge')
          throw new UnprocessableError(
            'body.needId',
            `need ${needId} is of kind ${need.kind}; only a need of kind challenge can be published as 揭榜挂帅`,
          );
        const title = typeof input['title'] === 'string' ? input['title'] : need.title;
        const skills = [...new Set([...need.skills, ...((input['skills'] as string[] | undefined) ?? [])])];
        const { skillIds } = enrich(`${title} ${String(input['goal'])} ${need.description}`, skills);
        // The stage, its history and the selection belong to the workflow and survive every edit.
        const existing = await col.get(id);
        return {
          owner: { type: 'enterprise', id: need.enterpriseId },
          fields: {
            title,
            chainId: need.chainId,
            nodeId: need.nodeId,
            ...(need.gapId ? { gapId: need.gapId } : {}),
            enterpriseId: need.enterpriseId,
            stage: existing?.stage ?? 'collecting',
            history: existing?.history ?? [],
            ...(existing?.selectedApplicationId ? { selectedApplicationId: existing.selectedApplicationId } : {}),
            conceptIds: skillIds,
          },
        };
      },
    },
    {
      // Published challenges are an open call; drafts (征集需求) stay with their enterprise and the chain team.
      listScope: (p, asked): Record<string, FilterValue> => {
        if (p?.role === 'admin' || p?.role === 'hr_bureau') return {};
        const askedChains = [asked['chain']].flat().filter((c): c is string => typeof c === 'string');
        if (p?.role === 'chain_chief' && askedChains.length > 0 && askedChains.every((c) => p.chains.includes(c))) return { chain: p.chains };
        if (p?.role === 'enterprise' && p.subjectId && asked['enterprise'] === p.subjectId) return { enterprise: p.subjectId };
        return { stage: VISIBLE_STAGES };
      },
      canRead: (p, c) => c.stage !== 'collecting' || managesChallenge(p, c) || p?.role === 'hr_bureau',
      assertCreate: (p) => {
        if (!p || !['admin', 'chain_chief', 'enterprise'].includes(p.role)) throw new AppError('forbidden', 'You may not publish challenges');
      },
      // A published call is fixed: applicants answered it as written, so only drafts can be edited or deleted.
      canWrite: (p, c) => managesChallenge(p, c) && c.stage === 'collecting',
      view: (_p, c) => view(c),
    },
    { clock },
  );

  function view(c: Challenge): Record<string, unknown> {
    const late = !!c.completionDue && c.completionDue < today() && c.stage !== 'accepted' && c.stage !== 'cancelled';
    return { ...c, stageZh: STAGE_ZH[c.stage], late, allowedNext: STAGE_MOVES[c.stage] };
  }

  const isMember = (p: Principal | null, a: Application) =>
    !!p?.subjectId && APPLIES_AS[p.role] !== undefined && a.memberIds.includes(`${APPLIES_AS[p.role]}:${p.subjectId}`);

  const applications = createRecordService<Application>(
    apps,
    {
      noun: 'application',
      idPrefix: 'app',
      input: ApplicationInput,
      inputKeys: Object.keys(ApplicationInput.shape),
      immutable: ['challengeId', 'members'],
      derive: async (input, id) => {
        const challengeId = String(input['challengeId']);
        const c = await col.get(challengeId);
        if (!c) throw new NotFoundError('challenge', challengeId);
        const existing = await apps.get(id);
        const members = input['members'] as Party[];
        const lead = members[0] as Party;
        if (!existing) {
          if (!APPLYING.includes(c.stage))
            throw new ConflictError(
              'params.id',
              `challenge is in stage ${c.stage} (${STAGE_ZH[c.stage]}); applications are accepted in 发榜 and 揭榜`,
            );
          if (today() > c.deadline) throw new ConflictError('params.id', `the application deadline ${c.deadline} has passed`);
          for (let i = 0; i < members.length; i++) {
            const m = members[i] as Party;
            const doc = await parties[m.type].get(m.id);
            if (!doc) throw new UnprocessableError(`body.members.${i}.id`, `${m.type} ${m.id} does not exist`);
            if (m.type === 'enterprise' && m.id === c.enterpriseId)
              throw new UnprocessableError(`body.members.${i}.id`, 'is the publishing enterprise, which cannot take its own challenge');
            // Naming a person in a bid shares their profile with the publisher: only with their consent to matching.
            if (m.type === 'talent' && !(doc as Talent).consent.purposes.includes('matching'))
              throw new UnprocessableError(`body.members.${i}.id`, 'this talent has not consented to matching');
          }
          const mine = await apps.list({ filters: { challenge: challengeId, member: `${lead.type}:${lead.id}` }, limit: 50 });
          if (mine.items.some((a) => a.lead.id === lead.id && a.lead.type === lead.type && a.status !== 'withdrawn'))
            throw new ConflictError('body.members.0.id', 'already leads an application to this challenge');
        }
        return {
          owner: { type: lead.type, id: lead.id },
          fields: {
            chainId: c.chainId,
            publisherId: c.enterpriseId,
            lead: { type: lead.type, id: lead.id },
            memberIds: members.map((m) => `${m.type}:${m.id}`),
            status: existing?.status ?? 'submitted',
            history: existing?.history ?? [],
            ...(existing?.review ? { review: existing.review } : {}),
          },
        };
      },
    },
    {
      listScope: (p, asked): Record<string, FilterValue> | null => {
        if (!p) return null;
        if (p.role === 'admin' || p.role === 'hr_bureau') return {};
        if (p.role === 'chain_chief') return { chain: p.chains };
        const as = APPLIES_AS[p.role];
        if (!as || !p.subjectId) return null;
        if (p.role === 'enterprise' && asked['publisher'] === p.subjectId) return { publisher: p.subjectId };
        return { member: `${as}:${p.subjectId}` };
      },
      canRead: (p, a) => p?.role === 'hr_bureau' || managesChallenge(p, { chainId: a.chainId, enterpriseId: a.publisherId }) || isMember(p, a),
      assertCreate: (p, input) => {
        if (p?.role === 'admin') return;
        const as = p ? APPLIES_AS[p.role] : undefined;
        const lead = (input['members'] as Party[] | undefined)?.[0];
        if (!as || !p?.subjectId) throw new AppError('forbidden', 'Only talents, institutes and enterprises apply to challenges');
        if (!lead || lead.type !== as || lead.id !== p.subjectId)
          throw new UnprocessableError('body.members.0', `the first member is the lead and must be you (${as} ${p.subjectId})`);
      },
      canWrite: () => false,
      view: (_p, a) => a as unknown as Record<string, unknown>,
    },
    { clock },
  );

  async function managed(p: Principal | null, id: string): Promise<Challenge> {
    const c = await challenges.get(p, id);
    if (!managesChallenge(p, c)) throw new AppError('forbidden', 'Only the publishing enterprise and the chain team run this challenge');
    return c;
  }

  async function saveChallenge(c: Challenge, next: Partial<Challenge>): Promise<Challenge> {
    return col.update({ ...c, ...next, updatedAt: clock().toISOString(), version: c.version + 1 }, c.version);
  }

  async function saveApp(a: Application, next: Partial<Application>): Promise<Application> {
    return apps.update({ ...a, ...next, updatedAt: clock().toISOString(), version: a.version + 1 }, a.version);
  }

  async function live(challengeId: string): Promise<Application[]> {
    return (await listAll(apps, { challenge: challengeId })).filter((a) => a.status !== 'withdrawn' && a.status !== 'rejected');
  }

  return {
    challenges,
    applications,
    view,

    async create(p, input) {
      const needId = typeof input['needId'] === 'string' ? input['needId'] : '';
      // Reading the need first reports another tenant's private need as unknown rather than confirming it.
      const need = await records.needs.get(p, needId).catch((err: unknown) => {
        if (err instanceof NotFoundError) throw new UnprocessableError('body.needId', `need ${needId} does not exist`);
        throw err;
      });
      if (!canManageNeed(p, need)) throw new AppError('forbidden', "Only the need's enterprise or its chain team may publish it as a challenge");
      const open = (await listAll(col, { need: needId })).find((c) => c.stage !== 'cancelled');
      if (open) throw new ConflictError('body.needId', `need ${needId} is already published as challenge ${open.id}`);
      const c = await challenges.create(p, input);
      await audit.record(p, { action: 'challenge.create', recordType: 'challenge', recordId: c.id });
      return saveChallenge(c, { history: [transition(p, null, 'collecting', clock(), undefined, 'stage')] });
    },

    async move(p, id, to, note) {
      const c = await managed(p, id);
      assertMove('body.to', c.stage, to, STAGE_MOVES);
      if (to === 'published' && c.deadline < today())
        throw new UnprocessableError('deadline', `the application deadline ${c.deadline} is already past; set a new deadline first`);
      if (to === 'reviewing' && (await live(id)).length === 0)
        throw new UnprocessableError('applications', 'no application to review yet: 论证对接 needs at least one live application');
      if (to === 'signed' && !c.selectedApplicationId)
        throw new UnprocessableError('selectedApplicationId', 'select an application (POST /challenges/{id}/selection) before 签约');
      const saved = await saveChallenge(c, { stage: to, history: [...c.history, transition(p, c.stage, to, clock(), note, 'stage')] });
      await audit.record(p, { action: `challenge.stage.${to}`, recordType: 'challenge', recordId: id });
      // The need follows the challenge: signed means matched (it counts for the enterprise's indicators), accepted means closed.
      if (to === 'signed' || to === 'accepted') {
        const need = await needs.get(c.needId);
        if (need && need.status !== 'closed') await records.needs.update(p, c.needId, { status: to === 'signed' ? 'matched' : 'closed' });
      }
      return saved;
    },

    async apply(p, challengeId, body) {
      // Unpublished or unknown challenges are reported as not found.
      await challenges.get(p, challengeId);
      const a = await applications.create(p, { ...body, challengeId });
      await audit.record(p, { action: 'application.submit', recordType: 'application', recordId: a.id });
      return saveApp(a, { history: [transition(p, null, 'submitted', clock(), undefined, 'status')] });
    },

    async applicationsOf(p, challengeId) {
      const c = await challenges.get(p, challengeId);
      const all = await listAll(apps, { challenge: challengeId });
      if (managesChallenge(p, c) || p?.role === 'hr_bureau') return all;
      return all.filter((a) => isMember(p, a));
    },

    async review(p, applicationId, r) {
      const a = await applications.get(p, applicationId);
      const c = await managed(p, a.challengeId);
      if (!['taken', 'reviewing'].includes(c.stage))
        throw new ConflictError('params.id', `applications are reviewed in 揭榜 and 论证对接; the challenge is in ${STAGE_ZH[c.stage]}`);
      if (a.status !== 'submitted' && a.status !== 'shortlisted')
        throw new ConflictError('params.id', `the application is ${a.status}; only submitted or shortlisted applications are reviewed`);
      const saved = await saveApp(a, {
        status: r.decision,
        review: {
          ...(r.score !== undefined ? { score: r.score } : {}),
          ...(r.note ? { note: r.note } : {}),
          at: clock().toISOString(),
          actorId: p?.accountId ?? 'anonymous',
        },
        history: [...a.history, transition(p, a.status, r.decision, clock(), r.note, 'review')],
      });
      await audit.record(p, { action: `application.review.${r.decision}`, recordType: 'application', recordId: a.id });
      return saved;
    },

    async select(p, challengeId, applicationId, note) {
      const c = await managed(p, challengeId);
      if (c.stage !== 'reviewing')
        throw new ConflictError(
          'params.id',
          `an application is selected in 论证对接 (reviewing); the challenge is in ${c.stage} (${STAGE_ZH[c.stage]})`,
        );
      const all = await listAll(apps, { challenge: challengeId });
      const chosen = all.find((a) => a.id === applicationId);
      if (!chosen) throw new UnprocessableError('body.applicationId', `application ${applicationId} is not an application to this challenge`);
      if (chosen.status !== 'submitted' && chosen.status !== 'shortlisted')
        throw new ConflictError('body.applicationId', `the application is ${chosen.status} and cannot be selected`);
      for (const a of all) {
        if (a.id === applicationId)
          await saveApp(a, { status: 'selected', history: [...a.history, transition(p, a.status, 'selected', clock(), note, 'selection')] });
        else if (a.status === 'submitted' || a.status === 'shortlisted' || a.status === 'selected')
          await saveApp(a, {
            status: 'not_selected',
            history: [...a.history, transition(p, a.status, 'not_selected', clock(), undefined, 'selection')],
          });
      }
      const saved = await saveChallenge(c, {
        selectedApplicationId: applicationId,
        history: [...c.history, transition(p, c.selectedApplicationId ?? null, applicationId, clock(), note, 'selection')],
      });
      await audit.record(p, { action: 'challenge.select', recordType: 'challenge', recordId: challengeId });
      await audit.record(p, { action: 'application.selected', recordType: 'application', recordId: applicationId });
      return saved;
    },

    async withdraw(p, applicationId) {
      const a = await applications.get(p, applicationId);
      const as = p ? APPLIES_AS[p.role] : undefined;
      if (p?.role !== 'admin' && !(as === a.lead.type && p?.subjectId === a.lead.id))
        throw new AppError('forbidden', 'Only the lead applicant withdraws an application');
      const c = await col.get(a.challengeId);
      if (!c || !APPLYING.includes(c.stage))
        throw new ConflictError('params.id', 'applications can be withdrawn only while the challenge is in 发榜 or 揭榜');
      if (a.status !== 'submitted' && a.status !== 'shortlisted') throw new ConflictError('params.id', `the application is ${a.status}`);
      const saved = await saveApp(a, {
        status: 'withdrawn',
        history: [...a.history, transition(p, a.status, 'withdrawn', clock(), undefined, 'withdrawal')],
      });
      await audit.record(p, { action: 'application.withdraw', recordType: 'application', recordId: a.id });
      return saved;
    },
  };
}
