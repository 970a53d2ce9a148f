import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../server/errors.js';
import type { BaseDoc, Collection, CollectionSpec, FilterValue, ListQuery, Store } from '../../server/store/port.js';

/** Test-local document shape: deliberately not one of the app's real collections. */
interface Org extends BaseDoc {
  name: string;
  city: string;
  tags: string[];
  kind: string;
  creditCode?: string;
  active: boolean;
  employees: number;
  nodes: { id: string; role: string }[];
}

interface Note extends BaseDoc {
  topic: string;
  body: string;
}

interface AuditEntry extends BaseDoc {
  actor: string;
  action: string;
}

const orgSpec: CollectionSpec = {
  name: 'orgs',
  filters: {
    city: 'city',
    tag: 'tags',
    kind: 'kind',
    ownerId: 'owner.id',
    active: 'active',
    employees: 'employees',
    node: 'nodes.id',
  },
  unique: ['creditCode'],
  label: 'name',
  indexed: true,
};

const noteSpec: CollectionSpec = {
  name: 'notes',
  filters: { topic: 'topic' },
  unique: [],
};

const auditSpec: CollectionSpec = {
  name: 'audit',
  filters: { actor: 'actor' },
  unique: [],
  appendOnly: true,
  retentionDays: 30,
};

const SPECS = [orgSpec, noteSpec, auditSpec];
const BASE_TIME = Date.parse('2026-01-01T00:00:00.000Z');

/** Builds test documents with increasing ids and timestamps; overrides win. */
function builders() {
  let n = 0;
  const next = () => {
    n += 1;
    const at = new Date(BASE_TIME + n * 1000).toISOString();
    return { id: `id-${String(n).padStart(4, '0')}`, at };
  };
  return {
    org(overrides: Partial<Org> = {}): Org {
      const { id, at } = next();
      return {
        id,
        owner: { type: 'enterprise', id: 'owner-1' },
        createdAt: at,
        updatedAt: at,
        version: 1,
        name: `机构 ${id}`,
        city: '佛山',
        tags: [],
        kind: 'enterprise',
        active: true,
        employees: 10,
        nodes: [],
        ...overrides,
      };
    },
    note(overrides: Partial<Note> = {}): Note {
      const { id, at } = next();
      return {
        id,
        owner: { type: 'government', id: 'gov-1' },
        createdAt: at,
        updatedAt: at,
        version: 1,
        topic: 'general',
        body: '',
        ...overrides,
      };
    },
    audit(overrides: Partial<AuditEntry> = {}): AuditEntry {
      const { id, at } = next();
      return {
        id,
        owner: { type: 'government', id: 'gov-1' },
        createdAt: at,
        updatedAt: at,
        version: 1,
        actor: 'user-1',
        action: 'view',
        ...overrides,
      };
    },
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function expectIssue(promise: Promise<unknown>, type: abstract new (...args: never[]) => AppError, field: string) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(type);
  expect((error as AppError).issues.map((issue) => issue.field)).toContain(field);
}

async function expectCode(promise: Promise<unknown>, code: AppError['code']) {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

async function listAll<T extends BaseDoc>(collection: Collection<T>, query: Omit<ListQuery, 'cursor'>): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 1000; guard += 1) {
    const page = await collection.list({ ...query, cursor });
    pages.push(page.items);
    if (page.nextCursor === null) return pages;
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

const ids = (docs: readonly BaseDoc[]) => docs.map((doc) => doc.id);

/**
 * The behaviour every `Store` implementation must share. Each test gets a fresh, empty store
 * from `makeStore` and closes it afterwards.
 */
export function runStoreContract(label: string, makeStore: (specs: CollectionSpec[]) => Promise<Store>): void {
  describe(`store contract: ${label}`, () => {
    let store: Store;
    let orgs: Collection<Org>;
    let notes: Collection<Note>;
    let audit: Collection<AuditEntry>;
    let build: ReturnType<typeof builders>;

    beforeEach(async () => {
      store = await makeStore(SPECS);
      orgs = store.collection<Org>('orgs');
      notes = store.collection<Note>('notes');
      audit = store.collection<AuditEntry>('audit');
      build = builders();
    });

    afterEach(async () => {
      await store.close();
    });

    describe('documents', () => {
      it('when a document is inserted, then get returns it as a plain object', async () => {
        const org = build.org({
          tags: ['注塑', 'PLC'],
          nodes: [{ id: 'n1', role: 'supplier' }],
        });
        const returned = await orgs.insert(org);
        expect(returned).toEqual(org);
        expect(await orgs.get(org.id)).toEqual(org);
        expect(await orgs.get('missing')).toBeNull();
      });

      it('when a field is undefined, then the stored document has no such key', async () => {
        const org = build.org({ externalId: undefined });
        await orgs.insert(org);
        const stored = await orgs.get(org.id);
        expect(stored).not.toBeNull();
        expect(Object.keys(stored ?? {})).not.toContain('externalId');
        expect(Object.keys(stored ?? {}).sort()).toEqual(Object.keys(JSON.parse(JSON.stringify(org))).sort());
      });

      it('when getMany is asked for ids, then it returns the found ones in the order asked', async () => {
        const [a, b, c] = [build.org(), build.org(), build.org()];
        for (const doc of [a, b, c]) await orgs.insert(doc);
        expect(ids(await orgs.getMany([c.id, 'missing', a.id]))).toEqual([c.id, a.id]);
        expect(await orgs.getMany([])).toEqual([]);
      });

      it('when looked up by a unique field or externalId, then the owner is found', async () => {
        const org = build.org({
          creditCode: '91440600MA4UJ8XY3K',
          externalId: 'crm-7',
        });
        await orgs.insert(org);
        expect((await orgs.findByUnique('creditCode', '91440600MA4UJ8XY3K'))?.id).toBe(org.id);
        expect((await orgs.findByUnique('externalId', 'crm-7'))?.id).toBe(org.id);
        expect(await orgs.findByUnique('creditCode', 'other')).toBeNull();
        await expectIssue(orgs.findByUnique('city', '佛山'), ValidationError, 'city');
      });

      it('when an id, unique field or externalId is taken, then insert fails naming the field and writes nothing', async () => {
        const first = build.org({ creditCode: 'CODE-1', externalId: 'ext-1' });
        await orgs.insert(first);
        const outboxBefore = await store.outbox.size();
        await expectIssue(orgs.insert({ ...build.org(), id: first.id }), ConflictError, 'id');
        await expectIssue(orgs.insert(build.org({ creditCode: 'CODE-1' })), ConflictError, 'creditCode');
        await expectIssue(orgs.insert(build.org({ externalId: 'ext-1' })), ConflictError, 'externalId');
        expect(await orgs.count()).toBe(1);
        expect(await store.outbox.size()).toBe(outboxBefore);
      });

      it('when two documents have no value for a unique field, then both are accepted', async () => {
        await orgs.insert(build.org());
        await orgs.insert(build.org());
        expect(await orgs.count()).toBe(2);
      });

      it('when updated at the expected version, then the new document replaces the old', async () => {
        const org = build.org({ creditCode: 'OLD' });
        await orgs.insert(org);
        const changed: Org = {
          ...org,
          city: '广州',
          creditCode: 'NEW',
          version: 2,
          updatedAt: '2026-02-01T00:00:00.000Z',
        };
        expect(await orgs.update(changed, 1)).toEqual(changed);
        expect(await orgs.get(org.id)).toEqual(changed);
        expect(ids((await orgs.list({ limit: 10, filters: { city: '广州' } })).items)).toEqual([org.id]);
        expect(await orgs.count({ city: '佛山' })).toBe(0);
        // The old natural key is released, the new one is held.
        expect(await orgs.findByUnique('creditCode', 'OLD')).toBeNull();
        await orgs.insert(build.org({ creditCode: 'OLD' }));
        await expectIssue(orgs.insert(build.org({ creditCode: 'NEW' })), ConflictError, 'creditCode');
      });

      it('when updated at a stale version, then ConflictError names version and nothing changes', async () => {
        const org = build.org();
        await orgs.insert(org);
        await orgs.update({ ...org, name: '第二版', version: 2 }, 1);
        await expectIssue(orgs.update({ ...org, name: '过期', version: 2 }, 1), ConflictError, 'version');
        expect((await orgs.get(org.id))?.name).toBe('第二版');
      });

      it('when an update takes another document’s unique value, then it fails and nothing changes', async () => {
        const a = build.org({ creditCode: 'A' });
        const b = build.org({ creditCode: 'B' });
        await orgs.insert(a);
        await orgs.insert(b);
        await expectIssue(orgs.update({ ...b, creditCode: 'A', version: 2 }, 1), ConflictError, 'creditCode');
        expect(await orgs.get(b.id)).toEqual(b);
        expect((await orgs.findByUnique('creditCode', 'B'))?.id).toBe(b.id);
      });

      it('when a missing document is updated, then NotFoundError', async () => {
        const error = await rejection(orgs.update(build.org(), 1));
        expect(error).toBeInstanceOf(NotFoundError);
      });

      it('when deleted, then it is gone and its unique values are free', async () => {
        const org = build.org({ creditCode: 'C-1' });
        await orgs.insert(org);
        expect(await orgs.delete(org.id)).toBe(true);
        expect(await orgs.delete(org.id)).toBe(false);
        expect(await orgs.get(org.id)).toBeNull();
        expect(await orgs.count({ city: '佛山' })).toBe(0);
        await orgs.insert(build.org({ creditCode: 'C-1' }));
      });

      it('when a collection name is not declared, then asking for it throws', () => {
        expect(() => store.collection('nope')).toThrow(AppError);
      });
    });

    describe('filters', () => {
      let docs: Record<string, Org>;

      beforeEach(async () => {
        docs = {
          a: build.org({
            city: '佛山',
            tags: ['注塑', 'PLC'],
            kind: 'enterprise',
            employees: 5,
            nodes: [{ id: 'n-mold', role: 'r' }],
          }),
          b: build.org({
            city: '广州',
            tags: ['PLC'],
            kind: 'institute',
            active: false,
            owner: { type: 'institute', id: 'owner-2' },
          }),
          c: build.org({
            city: '深圳',
            tags: [],
            kind: 'enterprise',
            employees: 500,
            nodes: [
              { id: 'n-bms', role: 'r' },
              { id: 'n-mold', role: 's' },
            ],
          }),
          d: build.org({ city: '佛山', tags: ['BMS'], kind: 'institute' }),
        };
        for (const doc of Object.values(docs)) await orgs.insert(doc);
      });

      const found = async (filters: Record<string, FilterValue | undefined>) => ids((await orgs.list({ limit: 100, filters })).items).sort();
      const expected = (...keys: string[]) => keys.map((key) => docs[key]?.id).sort();

      it('when filtered by a scalar, then only equal values match', async () => {
        expect(await found({ city: '佛山' })).toEqual(expected('a', 'd'));
        expect(await orgs.count({ city: '佛山' })).toBe(2);
      });

      it('when filtered on an array path, then membership matches', async () => {
        expect(await found({ tag: 'PLC' })).toEqual(expected('a', 'b'));
        expect(await found({ node: 'n-mold' })).toEqual(expected('a', 'c'));
      });

      it('when given several values, then any of them matches', async () => {
        expect(await found({ city: ['广州', '深圳'] })).toEqual(expected('b', 'c'));
        expect(await found({ tag: ['BMS', '注塑'] })).toEqual(expected('a', 'd'));
        expect(await orgs.count({ tag: ['BMS', '注塑', 'PLC'] })).toBe(3);
      });

      it('when given several keys, then all must match', async () => {
        expect(await found({ city: '佛山', kind: 'institute' })).toEqual(expected('d'));
        expect(await found({ tag: 'PLC', active: false })).toEqual(expected('b'));
        expect(await found({ ownerId: 'owner-2' })).toEqual(expected('b'));
        expect(await found({ city: '佛山', kind: 'institute', tag: 'PLC' })).toEqual([]);
      });

      it('when a value is a number or boolean, then its type counts', async () => {
        expect(await found({ employees: 500 })).toEqual(expected('c'));
        expect(await found({ employees: '500' })).toEqual([]);
        expect(await found({ active: true })).toEqual(expected('a', 'c', 'd'));
        expect(await found({ active: 'true' })).toEqual([]);
      });

      it('when a value is undefined or an empty list, then it is ignored or matches nothing', async () => {
        expect(await found({ city: undefined })).toEqual(expected('a', 'b', 'c', 'd'));
        expect(await found({ city: [] })).toEqual([]);
        expect(await orgs.count({ city: [] })).toBe(0);
      });

      it('when a filter key is not declared, then ValidationError names it', async () => {
        await expectIssue(orgs.list({ limit: 10, filters: { name: 'x' } }), ValidationError, 'filters.name');
        await expectIssue(orgs.count({ password: 'x' }), ValidationError, 'filters.password');
      });

      it('when a value is an object smuggled past the types, then it is refused', async () => {
        const smuggled = { $ne: '' } as unknown as string;
        await expectIssue(orgs.list({ limit: 10, filters: { city: smuggled } }), ValidationError, 'filters.city');
        await expectIssue(orgs.count({ city: [smuggled] }), ValidationError, 'filters.city');
      });

      it('when values look like SQL or query operators, then they match literally', async () => {
        const sql = build.org({ city: 'x" OR 1=1 --', tags: ["' OR '1'='1"] });
        const operator = build.org({
          city: '{"$ne":""}',
          tags: ['{"$gt":""}'],
        });
        await orgs.insert(sql);
        await orgs.insert(operator);
        expect(await found({ city: 'x" OR 1=1 --' })).toEqual([sql.id]);
        expect(await found({ city: '{"$ne":""}' })).toEqual([operator.id]);
        expect(await found({ tag: "' OR '1'='1" })).toEqual([sql.id]);
        expect(await found({ tag: '{"$gt":""}' })).toEqual([operator.id]);
        expect(await found({ city: "佛山' OR '1'='1" })).toEqual([]);
        expect(await orgs.count({ city: ['x" OR 1=1 --', '{"$ne":""}'] })).toBe(2);
      });
    });

    describe('sorting and paging', () => {
      it('when sorted by label, then Chinese sorts by pinyin and mixed labels sensibly', async () => {
        const names = ['深圳', '广州', 'Zeta Labs', '北京', 'BMS 电池', '佛山', 'abc 实验室', '长沙'];
        for (const name of names) await orgs.insert(build.org({ name }));
        const ascending = (await orgs.list({ limit: 100, sort: 'label' })).items.map((doc) => doc.name);
        expect(ascending).toEqual(['abc 实验室', '北京', 'BMS 电池', '长沙', '佛山', '广州', '深圳', 'Zeta Labs']);
        const descending = (await orgs.list({ limit: 100, sort: 'label', order: 'desc' })).items.map((doc) => doc.name);
        expect(descending).toEqual([...ascending].reverse());
      });

      it('when sorted by time, then createdAt and updatedAt order both ways', async () => {
        const a = build.org({ updatedAt: '2026-03-03T00:00:00.000Z' });
        const b = build.org({ updatedAt: '2026-03-01T00:00:00.000Z' });
        const c = build.org({ updatedAt: '2026-03-02T00:00:00.000Z' });
        for (const doc of [b, c, a]) await orgs.insert(doc);
        expect(ids((await orgs.list({ limit: 10 })).items)).toEqual([a.id, b.id, c.id]);
        expect(ids((await orgs.list({ limit: 10, sort: 'createdAt', order: 'desc' })).items)).toEqual([c.id, b.id, a.id]);
        expect(ids((await orgs.list({ limit: 10, sort: 'updatedAt' })).items)).toEqual([b.id, c.id, a.id]);
        expect(ids((await orgs.list({ limit: 10, sort: 'updatedAt', order: 'desc' })).items)).toEqual([a.id, c.id, b.id]);
      });

      it('when paging through ties, then every document appears exactly once, in the one-page order', async () => {
        const stamps = ['2026-05-01T00:00:00.000Z', '2026-05-02T00:00:00.000Z', '2026-05-03T00:00:00.000Z'];
        const labels = ['佛山', '广州', '北京'];
        const batch: Org[] = [];
        for (let i = 0; i < 23; i += 1) {
          const at = stamps[i % 3] ?? '';
          batch.push(
            build.org({
              createdAt: at,
              updatedAt: at,
              name: labels[i % 3] ?? '',
              city: i % 2 === 0 ? '佛山' : '广州',
            }),
          );
        }
        // Insert in a scrambled order so that id order and insertion order differ.
        for (const doc of [...batch].reverse()) await orgs.insert(doc);

        const cases: Omit<ListQuery, 'cursor'>[] = [
          { limit: 4, sort: 'createdAt' },
          { limit: 4, sort: 'createdAt', order: 'desc' },
          { limit: 5, sort: 'label' },
          { limit: 3, sort: 'label', order: 'desc' },
          { limit: 2, sort: 'updatedAt', filters: { city: '佛山' } },
        ];
        for (const query of cases) {
          const pages = await listAll(orgs, query);
          const seen = pages.flat();
          const onePage = (await orgs.list({ ...query, limit: 1000 })).items;
          expect(ids(seen)).toEqual(ids(onePage));
          expect(new Set(ids(seen)).size).toBe(seen.length);
          expect(seen.length).toBe(await orgs.count(query.filters));
          expect(pages.slice(0, -1).every((page) => page.length === query.limit)).toBe(true);
        }
        // Equal sort values are ordered by id, in the direction asked.
        const desc = (await orgs.list({ limit: 1000, sort: 'createdAt', order: 'desc' })).items;
        const tied = desc.filter((doc) => doc.createdAt === stamps[2]);
        expect(ids(tied)).toEqual([...ids(tied)].sort().reverse());
      });

      it('when the last page is reached, then nextCursor is null', async () => {
        for (let i = 0; i < 4; i += 1) await orgs.insert(build.org());
        const first = await orgs.list({ limit: 2 });
        expect(first.nextCursor).not.toBeNull();
        const second = await orgs.list({
          limit: 2,
          cursor: first.nextCursor ?? undefined,
        });
        expect(second.items).toHaveLength(2);
        expect(second.nextCursor).toBeNull();
        expect((await orgs.list({ limit: 10 })).nextCursor).toBeNull();
      });

      it('when a cursor is malformed or from another sort, then ValidationError names cursor', async () => {
        for (let i = 0; i < 3; i += 1) await orgs.insert(build.org());
        const page = await orgs.list({ limit: 1 });
        const garbage = Buffer.from('{"v":1}').toString('base64url');
        for (const cursor of ['not a cursor!', garbage, 'e30', '']) {
          await expectIssue(orgs.list({ limit: 2, cursor }), ValidationError, 'cursor');
        }
        await expectIssue(orgs.list({ limit: 2, sort: 'label', cursor: page.nextCursor ?? '' }), ValidationError, 'cursor');
      });

      it('when the limit is outside 1–1000, then ValidationError names limit', async () => {
        await expectIssue(orgs.list({ limit: 0 }), ValidationError, 'limit');
        await expectIssue(orgs.list({ limit: 1001 }), ValidationError, 'limit');
        await expectIssue(orgs.list({ limit: 2.5 }), ValidationError, 'limit');
      });

      it('when counted, then filters apply and an empty collection counts zero', async () => {
        expect(await notes.count()).toBe(0);
        for (const topic of ['a', 'b', 'a']) await notes.insert(build.note({ topic }));
        expect(await notes.count()).toBe(3);
        expect(await notes.count({ topic: 'a' })).toBe(2);
      });

      it('when scanned, then every document comes once, in id order, in batches', async () => {
        const docs = Array.from({ length: 7 }, () => build.note());
        for (const doc of [...docs].reverse()) await notes.insert(doc);
        const batches: Note[][] = [];
        for await (const batch of notes.scan(3)) batches.push(batch);
        expect(batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
        expect(ids(batches.flat())).toEqual(ids(docs).sort());
        const empty: Org[][] = [];
        for await (const batch of orgs.scan()) empty.push(batch);
        expect(empty).toEqual([]);
      });

      it('when versions are listed, then every id comes once, in id order, with its current version', async () => {
        const docs = Array.from({ length: 5 }, () => build.note());
        for (const doc of [...docs].reverse()) await notes.insert(doc);
        const first = docs[0] as Note;
        await notes.update({ ...first, topic: 'changed', version: first.version + 1 }, first.version);
        const batches: Array<Array<{ id: string; version: number }>> = [];
        for await (const batch of notes.versions(2)) batches.push(batch);
        expect(batches.map((batch) => batch.length)).toEqual([2, 2, 1]);
        const expected = docs.map((d) => ({ id: d.id, version: d.id === first.id ? first.version + 1 : d.version }));
        expect(batches.flat()).toEqual(expected.sort((a, b) => (a.id < b.id ? -1 : 1)));
        const empty: unknown[] = [];
        for await (const batch of orgs.versions()) empty.push(batch);
        expect(empty).toEqual([]);
      });
    });

    describe('bulk writes', () => {
      it('when upserting, then new documents are added and existing ones replaced', async () => {
        const existing = build.org({ name: '旧名' });
        await orgs.insert(existing);
        const fresh = build.org({ creditCode: 'F-1' });
        await orgs.upsertMany([{ ...existing, name: '新名', version: 2 }, fresh]);
        expect((await orgs.get(existing.id))?.name).toBe('新名');
        expect(await orgs.get(fresh.id)).toEqual(fresh);
        expect((await orgs.findByUnique('creditCode', 'F-1'))?.id).toBe(fresh.id);
        expect(await orgs.count()).toBe(2);
        expect((await orgs.list({ limit: 10, sort: 'label' })).items.map((doc) => doc.name)).toContain('新名');
      });

      it('when one document of a batch clashes, then none of the batch is written', async () => {
        const holder = build.org({ creditCode: 'TAKEN' });
        await orgs.insert(holder);
        const sizeBefore = await store.outbox.size();
        const batch = [build.org({ name: '甲' }), build.org({ name: '乙', creditCode: 'TAKEN' }), build.org({ name: '丙' })];
        await expectIssue(orgs.upsertMany(batch), ConflictError, 'creditCode');
        expect(await orgs.count()).toBe(1);
        expect(await orgs.getMany(ids(batch))).toEqual([]);
        expect(await store.outbox.size()).toBe(sizeBefore);

        const inBatchClash = [build.org({ externalId: 'dup' }), build.org({ externalId: 'dup' })];
        await expectIssue(orgs.upsertMany(inBatchClash), ConflictError, 'externalId');
        expect(await orgs.count()).toBe(1);
      });

      it('when the batch is empty, then nothing happens', async () => {
        await orgs.upsertMany([]);
        expect(await orgs.count()).toBe(0);
      });
    });

    describe('outbox', () => {
      it('when indexed documents change, then entries queue in order; other collections add none', async () => {
        const org = build.org();
        await orgs.insert(org);
        await notes.insert(build.note());
        await orgs.update({ ...org, version: 2 }, 1);
        await orgs.delete(org.id);
        await orgs.upsertMany([build.org(), build.org()]);
        const pending = await store.outbox.pending(100);
        expect(pending.map((entry) => [entry.collection, entry.docId, entry.op])).toEqual([
          ['orgs', org.id, 'upsert'],
          ['orgs', org.id, 'upsert'],
          ['orgs', org.id, 'delete'],
          ['orgs', 'id-0003', 'upsert'],
          ['orgs', 'id-0004', 'upsert'],
        ]);
        const seqs = pending.map((entry) => entry.seq);
        expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
        expect(new Set(seqs).size).toBe(seqs.length);
        expect(pending.every((entry) => entry.attempts === 0 && !Number.isNaN(Date.parse(entry.at)))).toBe(true);
        expect(await store.outbox.size()).toBe(5);
        expect(await store.outbox.pending(2)).toEqual(pending.slice(0, 2));
      });

      it('when entries are acknowledged or failed, then they leave or count an attempt', async () => {
        for (let i = 0; i < 3; i += 1) await orgs.insert(build.org());
        const [first, second, third] = await store.outbox.pending(10);
        if (first === undefined || second === undefined || third === undefined) throw new Error('expected 3 entries');
        await store.outbox.ack([first.seq]);
        await store.outbox.fail([second.seq]);
        await store.outbox.fail([second.seq]);
        await store.outbox.ack([]);
        await store.outbox.fail([]);
        const left = await store.outbox.pending(10);
        expect(left.map((entry) => [entry.seq, entry.attempts])).toEqual([
          [second.seq, 2],
          [third.seq, 0],
        ]);
        expect(await store.outbox.size()).toBe(2);
        await orgs.insert(build.org());
        const next = await store.outbox.pending(10);
        expect(next.at(-1)?.seq).toBeGreaterThan(third.seq);
      });

      it('when indexed documents change, then the watermark moves, and stays moved after the entries are acknowledged', async () => {
        const empty = await store.outbox.watermark();
        expect(await store.outbox.watermark()).toEqual(empty);
        await notes.insert(build.note());
        expect(await store.outbox.watermark()).toEqual(empty);
        const org = build.org();
        await orgs.insert(org);
        const afterInsert = await store.outbox.watermark();
        expect(afterInsert).toEqual({ store: empty.store, seq: (await store.outbox.pending(10)).at(-1)?.seq });
        expect(afterInsert.seq).toBeGreaterThan(empty.seq);
        await store.outbox.ack((await store.outbox.pending(10)).map((entry) => entry.seq));
        expect(await store.outbox.watermark()).toEqual(afterInsert);
        await orgs.delete(org.id);
        const afterDelete = await store.outbox.watermark();
        expect(afterDelete.seq).toBe(afterInsert.seq + 1);
        await store.outbox.ack((await store.outbox.pending(10)).map((entry) => entry.seq));
        expect(await store.outbox.watermark()).toEqual(afterDelete);
      });
    });

    describe('retention and the audit log', () => {
      it('when a collection is append-only, then update and delete are forbidden', async () => {
        const entry = build.audit();
        await audit.insert(entry);
        await expectCode(audit.update({ ...entry, version: 2 }, 1), 'forbidden');
        await expectCode(audit.delete(entry.id), 'forbidden');
        await expectCode(audit.upsertMany([{ ...entry, action: 'edited' }]), 'forbidden');
        expect(await audit.get(entry.id)).toEqual(entry);
        await audit.upsertMany([build.audit()]);
        expect(await audit.count()).toBe(2);
      });

      it('when purging past the retention period, then only older documents go', async () => {
        const old = build.audit({
          createdAt: '2001-01-01T00:00:00.000Z',
          updatedAt: '2001-01-01T00:00:00.000Z',
        });
        const recent = build.audit({
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
        });
        await audit.insert(old);
        await audit.insert(recent);
        const cutoff = new Date(Date.now() - 31 * 86_400_000).toISOString();
        expect(await audit.purgeOlderThan?.(cutoff)).toBe(1);
        expect(ids(await audit.getMany([old.id, recent.id]))).toEqual([recent.id]);
      });

      it('when the cutoff is sooner than retention or there is none, then purge is refused', async () => {
        await audit.insert(build.audit({ createdAt: '2001-01-01T00:00:00.000Z' }));
        const tooSoon = new Date(Date.now() - 86_400_000).toISOString();
        await expectIssue(audit.purgeOlderThan?.(tooSoon) ?? Promise.resolve(), ValidationError, 'cutoff');
        await expectIssue(audit.purgeOlderThan?.('yesterday') ?? Promise.resolve(), ValidationError, 'cutoff');
        await expectCode(orgs.purgeOlderThan?.('2001-01-01T00:00:00.000Z') ?? Promise.resolve(), 'forbidden');
        expect(await audit.count()).toBe(1);
      });
    });

    it('when the database answers, then ping resolves', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
