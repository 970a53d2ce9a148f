import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../server/errors.js';
import type { BaseDoc, CollectionSpec } from '../server/store/port.js';
import { applyMigrations, SQLITE_MIGRATIONS } from '../server/store/sqlite/migrations.js';
import { createSqliteStore } from '../server/store/sqlite/store.js';
import { runStoreContract } from './contract/store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'chaintalent-store-'));
let fileCounter = 0;
const nextFile = () => {
  fileCounter += 1;
  return join(dir, `store-${fileCounter}.db`);
};

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

runStoreContract('sqlite :memory:', async (specs) => createSqliteStore({ file: ':memory:', specs }));
runStoreContract('sqlite file', async (specs) => createSqliteStore({ file: nextFile(), specs }));

interface Place extends BaseDoc {
  name: string;
  city: string;
  code?: string;
}

const placeSpec: CollectionSpec = {
  name: 'places',
  filters: { city: 'city' },
  unique: [],
  label: 'name',
  indexed: true,
};

const place = (id: string, name: string, extra: Partial<Place> = {}): Place => ({
  id,
  owner: { type: 'government', id: 'gov' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
  name,
  city: '佛山',
  ...extra,
});

describe('sqlite store on a file', () => {
  it('when opened on a file, then WAL, foreign keys and the busy timeout are on', async () => {
    const file = nextFile();
    const store = createSqliteStore({ file, specs: [placeSpec] });
    await store.collection<Place>('places').insert(place('p1', '佛山'));
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length);
    raw.close();
    await store.close();
  });

  it('when reopened, then data stays and migrations do not run again', async () => {
    const file = nextFile();
    const first = createSqliteStore({ file, specs: [placeSpec] });
    await first.collection<Place>('places').insert(place('p1', '广州'));
    await first.close();

    // The migrations are not idempotent (plain CREATE TABLE): a second run would throw here.
    const second = createSqliteStore({ file, specs: [placeSpec] });
    expect(await second.collection<Place>('places').get('p1')).toEqual(place('p1', '广州'));
    expect(await second.outbox.size()).toBe(1);
    await second.close();

    const raw = new Database(file);
    expect(applyMigrations(raw, SQLITE_MIGRATIONS)).toBe(0);
    expect(applyMigrations(raw, [...SQLITE_MIGRATIONS, 'CREATE TABLE extra (x INTEGER)'])).toBe(1);
    expect(raw.pragma('user_version', { simple: true })).toBe(SQLITE_MIGRATIONS.length + 1);
    expect(() => applyMigrations(raw, SQLITE_MIGRATIONS)).toThrow(/newer/);
    raw.close();
  });

  it('when reopened, then the watermark is the same; another file with the same history has another one', async () => {
    const [a, b] = [nextFile(), nextFile()];
    const first = createSqliteStore({ file: a, specs: [placeSpec] });
    const other = createSqliteStore({ file: b, specs: [placeSpec] });
    await first.collection<Place>('places').insert(place('p1', '广州'));
    await other.collection<Place>('places').insert(place('p1', '广州'));
    const mark = await first.outbox.watermark();
    expect(mark.seq).toBe(1);
    expect((await other.outbox.watermark()).seq).toBe(1);
    expect((await other.outbox.watermark()).store).not.toBe(mark.store);
    await first.close();
    await other.close();
    const again = createSqliteStore({ file: a, specs: [placeSpec] });
    expect(await again.outbox.watermark()).toEqual(mark);
    await again.close();
  });

  it('when a spec gains a filter or unique key, then reopening rebuilds the side tables', async () => {
    const file = nextFile();
    const first = createSqliteStore({ file, specs: [placeSpec] });
    await first.collection<Place>('places').upsertMany([place('p1', '深圳', { code: 'X' }), place('p2', '北京', { code: 'Y' })]);
    await first.close();

    const widened: CollectionSpec = {
      ...placeSpec,
      filters: { ...placeSpec.filters, name: 'name' },
      unique: ['code'],
    };
    const second = createSqliteStore({ file, specs: [widened] });
    const places = second.collection<Place>('places');
    expect((await places.list({ limit: 10, filters: { name: '北京' } })).items.map((p) => p.id)).toEqual(['p2']);
    expect((await places.findByUnique('code', 'X'))?.id).toBe('p1');
    await second.close();
  });

  it('when a batch swaps unique values between documents, then it succeeds', async () => {
    const spec: CollectionSpec = { ...placeSpec, unique: ['code'] };
    const store = createSqliteStore({ file: ':memory:', specs: [spec] });
    const places = store.collection<Place>('places');
    await places.upsertMany([place('p1', 'a', { code: 'X' }), place('p2', 'b', { code: 'Y' })]);
    await places.upsertMany([place('p1', 'a', { code: 'Y' }), place('p2', 'b', { code: 'X' })]);
    expect((await places.findByUnique('code', 'X'))?.id).toBe('p2');
    await store.close();
  });

  it('when closed, then ping and reads reject with UnavailableError', async () => {
    const store = createSqliteStore({ file: ':memory:', specs: [placeSpec] });
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(UnavailableError);
    await expect(store.collection('places').get('p1')).rejects.toBeInstanceOf(UnavailableError);
    await store.close();
  });
});
