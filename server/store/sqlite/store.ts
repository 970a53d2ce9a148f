import Database from 'better-sqlite3';
import { AppError, ConflictError, NotFoundError, UnavailableError, ValidationError } from '../../errors.js';
import {
  appendOnlyRefusal,
  assertUniqueField,
  encodeCursor,
  resolveFilters,
  resolveListQuery,
  resolvePurgeCutoff,
  uniqueFields,
  unknownCollection,
  type ResolvedFilter,
} from '../cursor.js';
import type { BaseDoc, Collection, CollectionSpec, ListQuery, Outbox, OutboxEntry, Page, SortField, Store } from '../port.js';
import { labelSortKey, readPath } from '../sort-key.js';
import { applyMigrations, SQLITE_MIGRATIONS } from './migrations.js';
import { collectPathValues, encodeTerm } from './terms.js';

/** Options of the embedded store. */
export interface SqliteStoreOptions {
  /** A file path, or ':memory:' for a throw-away database (tests, demos). */
  file: string;
  specs: CollectionSpec[];
  /** Clock for outbox timestamps and retention checks; tests pass a fixed one. */
  now?: () => Date;
}

type Statement = Database.Statement<unknown[], unknown>;

/** Column names come only from this table, never from a request. */
const SORT_COLUMNS: Record<SortField, string> = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  label: 'sort_key',
};

const STATEMENT_CACHE_LIMIT = 256;
const DEFAULT_SCAN_BATCH = 500;

/** Busy, locked, I/O and disk-full errors mean "try again later", not "your request is wrong". */
const UNAVAILABLE_CODES = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|PROTOCOL)/;

function translateError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof Database.SqliteError && UNAVAILABLE_CODES.test(error.code)) {
    return new UnavailableError('sqlite', error);
  }
  if (error instanceof TypeError && /database connection is not open/.test(error.message)) {
    return new UnavailableError('sqlite', error);
  }
  return error;
}

/** Runs synchronous database work behind the async port, translating driver errors. */
async function guard<R>(work: () => R): Promise<R> {
  try {
    return work();
  } catch (error) {
    throw translateError(error);
  }
}

function sortValueOf(spec: CollectionSpec, doc: BaseDoc, sort: SortField): string {
  if (sort === 'createdAt') return doc.createdAt;
  if (sort === 'updatedAt') return doc.updatedAt;
  return spec.label === undefined ? '' : labelSortKey(readPath(doc, spec.label));
}

function assertStorable(doc: BaseDoc): void {
  const issues: { field: string; message: string }[] = [];
  if (typeof doc.id !== 'string' || doc.id.length === 0) issues.push({ field: 'id', message: 'must be a non-empty string' });
  if (typeof doc.createdAt !== 'string') issues.push({ field: 'createdAt', message: 'must be an ISO date-time' });
  if (typeof doc.updatedAt !== 'string') issues.push({ field: 'updatedAt', message: 'must be an ISO date-time' });
  if (!Number.isInteger(doc.version)) issues.push({ field: 'version', message: 'must be an integer' });
  if (issues.length > 0) throw new ValidationError(issues);
}

/** The paths whose values the side tables hold, fingerprinted to notice a changed spec. */
function specFingerprint(spec: CollectionSpec): string {
  return JSON.stringify({
    filters: [...new Set(Object.values(spec.filters))].sort(),
    unique: uniqueFields(spec).sort(),
    label: spec.label ?? null,
  });
}

/**
 * The embedded store: one SQLite file (or memory) holding every collection in a generic
 * documents table, with side tables for filter terms, unique keys and the search outbox.
 */
export function createSqliteStore(options: SqliteStoreOptions): Store {
  const now = options.now ?? (() => new Date());
  const specs = new Map<string, CollectionSpec>();
  for (const spec of options.specs) {
    if (specs.has(spec.name)) throw new AppError('internal', `Collection ${spec.name} is declared twice`);
    specs.set(spec.name, spec);
  }

  const db = new Database(options.file);
  try {
    if (!db.memory) {
      // WAL lets readers proceed during a write; NORMAL sync is durable across app crashes in WAL.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    applyMigrations(db, SQLITE_MIGRATIONS);
  } catch (error) {
    db.close();
    throw translateError(error);
  }

  // Cached per store instance; list SQL varies with the number of filters, so the cache is capped.
  const statements = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare<unknown[], unknown>(sql);
      if (statements.size >= STATEMENT_CACHE_LIMIT) {
        const oldest = statements.keys().next();
        if (oldest.done !== true) statements.delete(oldest.value);
      }
      statements.set(sql, statement);
    }
    return statement;
  };

  const deleteDerived = (collection: string, id: string): void => {
    prepare('DELETE FROM filter_terms WHERE collection = ? AND id = ?').run(collection, id);
    prepare('DELETE FROM unique_keys WHERE collection = ? AND id = ?').run(collection, id);
  };

  const writeDerived = (spec: CollectionSpec, doc: BaseDoc): void => {
    const insertTerm = prepare('INSERT INTO filter_terms (collection, field, value, id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    for (const path of new Set(Object.values(spec.filters))) {
      for (const value of new Set(collectPathValues(doc, path).map(encodeTerm))) {
        insertTerm.run(spec.name, path, value, doc.id);
      }
    }
    const insertKey = prepare('INSERT INTO unique_keys (collection, field, value, id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    for (const field of uniqueFields(spec)) {
      const value = readPath(doc, field);
      // Natural keys are strings (findByUnique takes one); other values are not checked.
      if (typeof value !== 'string') continue;
      if (insertKey.run(spec.name, field, value, doc.id).changes === 0) {
        throw new ConflictError(field, `Another ${spec.name} document already has this ${field}`);
      }
    }
  };

  const appendOutbox = (spec: CollectionSpec, id: string, op: 'upsert' | 'delete'): void => {
    if (spec.indexed !== true) return;
    prepare('INSERT INTO outbox (collection, doc_id, op, at) VALUES (?, ?, ?, ?)').run(spec.name, id, op, now().toISOString());
  };

  const rowValues = (spec: CollectionSpec, doc: BaseDoc): unknown[] => [
    spec.name,
    doc.id,
    typeof doc.externalId === 'string' ? doc.externalId : null,
    JSON.stringify(doc),
    sortValueOf(spec, doc, 'label'),
    doc.createdAt,
    doc.updatedAt,
    doc.version,
  ];

  const rebuildDerived = (spec: CollectionSpec): void => {
    const fingerprint = specFingerprint(spec);
    const stored = prepare('SELECT fingerprint FROM collection_specs WHERE collection = ?').get(spec.name) as { fingerprint: string } | undefined;
    if (stored?.fingerprint === fingerprint) return;
    db.transaction(() => {
      prepare('DELETE FROM filter_terms WHERE collection = ?').run(spec.name);
      prepare('DELETE FROM unique_keys WHERE collection = ?').run(spec.name);
      const page = prepare('SELECT id, data FROM documents WHERE collection = ? AND id > ? ORDER BY id LIMIT 1000');
      const setSortKey = prepare('UPDATE documents SET sort_key = ? WHERE collection = ? AND id = ?');
      let after = '';
      for (;;) {
        const rows = page.all(spec.name, after) as {
          id: string;
          data: string;
        }[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const doc = JSON.parse(row.data) as BaseDoc;
          setSortKey.run(sortValueOf(spec, doc, 'label'), spec.name, row.id);
          writeDerived(spec, doc);
          after = row.id;
        }
      }
      prepare(
        'INSERT INTO collection_specs (collection, fingerprint) VALUES (?, ?) ON CONFLICT (collection) DO UPDATE SET fingerprint = excluded.fingerprint',
      ).run(spec.name, fingerprint);
    })();
  };

  try {
    for (const spec of specs.values()) rebuildDerived(spec);
  } catch (error) {
    db.close();
    throw translateError(error);
  }

  const filterClause = (spec: CollectionSpec, filters: ResolvedFilter[], params: unknown[]): string => {
    let sql = '';
    for (const filter of filters) {
      const encoded = filter.values.map(encodeTerm);
      if (encoded.length === 1) {
        sql += ' AND d.id IN (SELECT t.id FROM filter_terms t WHERE t.collection = ? AND t.field = ? AND t.value = ?)';
        params.push(spec.name, filter.path, encoded[0]);
      } else {
        sql +=
          ' AND d.id IN (SELECT t.id FROM filter_terms t WHERE t.collection = ? AND t.field = ? AND t.value IN (SELECT value FROM json_each(?)))';
        params.push(spec.name, filter.path, JSON.stringify(encoded));
      }
    }
    return sql;
  };

  const parse = <T>(data: string): T => JSON.parse(data) as T;

  function makeCollection<T extends BaseDoc>(spec: CollectionSpec): Collection<T> {
    const getRow = (id: string): { data: string } | undefined =>
      prepare('SELECT data FROM documents WHERE collection = ? AND id = ?').get(spec.name, id) as { data: string } | undefined;

    /** Every row of the collection in id order, `batchSize` at a time (keyset paging): serves scan() and versions(). */
    const pagesById = <R extends { id: string }, O>(batchSize: number, column: 'data' | 'version', map: (row: R) => O): AsyncIterable<O[]> => ({
      async *[Symbol.asyncIterator]() {
        if (!Number.isInteger(batchSize) || batchSize < 1) {
          throw new ValidationError([{ field: 'batchSize', message: 'must be a positive integer' }]);
        }
        let after = '';
        for (;;) {
          const rows = await guard(
            () =>
              prepare(`SELECT id, ${column} FROM documents WHERE collection = ? AND id > ? ORDER BY id LIMIT ?`).all(
                spec.name,
                after,
                batchSize,
              ) as R[],
          );
          const last = rows.at(-1);
          if (last === undefined) return;
          after = last.id;
          yield rows.map(map);
          if (rows.length < batchSize) return;
        }
      },
    });

    const collection: Collection<T> = {
      spec,

      get: (id) =>
        guard(() => {
          const row = getRow(id);
          return row === undefined ? null : parse<T>(row.data);
        }),

      getMany: (ids) =>
        guard(() => {
          if (ids.length === 0) return [];
          const rows = prepare('SELECT id, data FROM documents WHERE collection = ? AND id IN (SELECT value FROM json_each(?))').all(
            spec.name,
            JSON.stringify(ids),
          ) as {
            id: string;
            data: string;
          }[];
          const byId = new Map(rows.map((row) => [row.id, row.data]));
          const out: T[] = [];
          for (const id of new Set(ids)) {
            const data = byId.get(id);
            if (data !== undefined) out.push(parse<T>(data));
          }
          return out;
        }),

      findByUnique: (field, value) =>
        guard(() => {
          assertUniqueField(spec, field);
          const row = prepare(
            'SELECT d.data FROM unique_keys k JOIN documents d ON d.collection = k.collection AND d.id = k.id WHERE k.collection = ? AND k.field = ? AND k.value = ?',
          ).get(spec.name, field, value) as { data: string } | undefined;
          return row === undefined ? null : parse<T>(row.data);
        }),

      list: (query: ListQuery) =>
        guard((): Page<T> => {
          const resolved = resolveListQuery(spec, query);
          if (resolved.filters.some((f) => f.values.length === 0)) return { items: [], nextCursor: null };
          const column = SORT_COLUMNS[resolved.sort];
          const direction = resolved.order === 'asc' ? 'ASC' : 'DESC';
          const params: unknown[] = [spec.name];
          let sql = `SELECT d.id, d.data, d.${column} AS sort_value FROM documents d WHERE d.collection = ?`;
          sql += filterClause(spec, resolved.filters, params);
          if (resolved.after !== null) {
            sql += ` AND (d.${column}, d.id) ${resolved.order === 'asc' ? '>' : '<'} (?, ?)`;
            params.push(resolved.after.value, resolved.after.id);
          }
          sql += ` ORDER BY d.${column} ${direction}, d.id ${direction} LIMIT ?`;
          // One extra row tells whether another page exists without a second query.
          params.push(resolved.limit + 1);
          const rows = prepare(sql).all(...params) as {
            id: string;
            data: string;
            sort_value: string;
          }[];
          const pageRows = rows.slice(0, resolved.limit);
          const last = pageRows.at(-1);
          return {
            items: pageRows.map((row) => parse<T>(row.data)),
            nextCursor:
              rows.length > resolved.limit && last !== undefined
                ? encodeCursor(resolved.sort, resolved.order, {
                    value: last.sort_value,
                    id: last.id,
                  })
                : null,
          };
        }),

      count: (filters) =>
        guard(() => {
          const resolved = resolveFilters(spec, filters);
          if (resolved.some((f) => f.values.length === 0)) return 0;
          const params: unknown[] = [spec.name];
          const sql = `SELECT count(*) AS n FROM documents d WHERE d.collection = ?${filterClause(spec, resolved, params)}`;
          return (prepare(sql).get(...params) as { n: number }).n;
        }),

      insert: (doc) =>
        guard(() => {
          assertStorable(doc);
          return db.transaction(() => {
            const inserted = prepare(
              'INSERT INTO documents (collection, id, ext_id, data, sort_key, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (collection, id) DO NOTHING',
            ).run(...rowValues(spec, doc));
            if (inserted.changes === 0) throw new ConflictError('id', `A ${spec.name} document with this id exists`);
            writeDerived(spec, doc);
            appendOutbox(spec, doc.id, 'upsert');
            return parse<T>(JSON.stringify(doc));
          })();
        }),

      update: (doc, expectedVersion) =>
        guard(() => {
          if (spec.appendOnly === true) throw appendOnlyRefusal(spec, 'update');
          assertStorable(doc);
          return db.transaction(() => {
            const current = prepare('SELECT version FROM documents WHERE collection = ? AND id = ?').get(spec.name, doc.id) as
              { version: number } | undefined;
            if (current === undefined) throw new NotFoundError(spec.name, doc.id);
            if (current.version !== expectedVersion) {
              throw new ConflictError('version', `${spec.name} ${doc.id} was changed by someone else`);
            }
            const [, , extId, data, sortKey, createdAt, updatedAt, version] = rowValues(spec, doc);
            prepare(
              'UPDATE documents SET ext_id = ?, data = ?, sort_key = ?, created_at = ?, updated_at = ?, version = ? WHERE collection = ? AND id = ? AND version = ?',
            ).run(extId, data, sortKey, createdAt, updatedAt, version, spec.name, doc.id, expectedVersion);
            deleteDerived(spec.name, doc.id);
            writeDerived(spec, doc);
            appendOutbox(spec, doc.id, 'upsert');
            return parse<T>(JSON.stringify(doc));
          })();
        }),

      delete: (id) =>
        guard(() => {
          if (spec.appendOnly === true) throw appendOnlyRefusal(spec, 'delete');
          return db.transaction(() => {
            // Terms and unique keys go with the row (ON DELETE CASCADE).
            const removed = prepare('DELETE FROM documents WHERE collection = ? AND id = ?').run(spec.name, id);
            if (removed.changes === 0) return false;
            appendOutbox(spec, id, 'delete');
            return true;
          })();
        }),

      upsertMany: (docs) =>
        guard(() => {
          // The last occurrence of an id wins, as if the docs were written one after another.
          const byId = new Map<string, T>();
          for (const doc of docs) {
            assertStorable(doc);
            byId.set(doc.id, doc);
          }
          db.transaction(() => {
            const exists = prepare('SELECT 1 FROM documents WHERE collection = ? AND id = ?');
            const upsert = prepare(
              `INSERT INTO documents (collection, id, ext_id, data, sort_key, created_at, updated_at, version)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (collection, id) DO UPDATE SET ext_id = excluded.ext_id, data = excluded.data,
                 sort_key = excluded.sort_key, created_at = excluded.created_at,
                 updated_at = excluded.updated_at, version = excluded.version`,
            );
            // Two passes: clearing every old key first lets a batch swap unique values between docs.
            for (const doc of byId.values()) {
              if (spec.appendOnly === true && exists.get(spec.name, doc.id) !== undefined) {
                throw appendOnlyRefusal(spec, 'replacing an entry');
              }
              upsert.run(...rowValues(spec, doc));
              deleteDerived(spec.name, doc.id);
            }
            for (const doc of byId.values()) {
              writeDerived(spec, doc);
              appendOutbox(spec, doc.id, 'upsert');
            }
          })();
        }),

      scan: (batchSize = DEFAULT_SCAN_BATCH) => pagesById<{ id: string; data: string }, T>(batchSize, 'data', (row) => parse<T>(row.data)),

      versions: (batchSize = DEFAULT_SCAN_BATCH) =>
        pagesById<{ id: string; version: number }, { id: string; version: number }>(batchSize, 'version', (row) => row),

      purgeOlderThan: (cutoffIso) =>
        guard(() => {
          const cutoff = resolvePurgeCutoff(spec, cutoffIso, now());
          return db.transaction(() => {
            if (spec.indexed === true) {
              prepare(
                "INSERT INTO outbox (collection, doc_id, op, at) SELECT collection, id, 'delete', ? FROM documents WHERE collection = ? AND created_at < ? ORDER BY id",
              ).run(now().toISOString(), spec.name, cutoff);
            }
            return prepare('DELETE FROM documents WHERE collection = ? AND created_at < ?').run(spec.name, cutoff).changes;
          })();
        }),
    };
    return collection;
  }

  const checkSeqs = (seqs: readonly number[]): string => {
    if (!seqs.every((seq) => Number.isInteger(seq))) {
      throw new ValidationError([{ field: 'seqs', message: 'must be integers' }]);
    }
    return JSON.stringify(seqs);
  };

  const outbox: Outbox = {
    pending: (limit) =>
      guard(() => {
        if (!Number.isInteger(limit) || limit < 1) {
          throw new ValidationError([{ field: 'limit', message: 'must be a positive integer' }]);
        }
        return prepare('SELECT seq, collection, doc_id AS docId, op, at, attempts FROM outbox ORDER BY seq LIMIT ?').all(limit) as OutboxEntry[];
      }),
    ack: (seqs) =>
      guard(() => {
        if (seqs.length === 0) return;
        prepare('DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each(?))').run(checkSeqs(seqs));
      }),
    fail: (seqs) =>
      guard(() => {
        if (seqs.length === 0) return;
        prepare('UPDATE outbox SET attempts = attempts + 1 WHERE seq IN (SELECT value FROM json_each(?))').run(checkSeqs(seqs));
      }),
    size: () => guard(() => (prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n),
    watermark: () =>
      guard(() => {
        const id = (prepare("SELECT value FROM store_meta WHERE key = 'store_id'").get() as { value: string }).value;
        // AUTOINCREMENT keeps the highest seq ever handed out here, even after the entry is acknowledged.
        const row = prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").get() as { seq: number } | undefined;
        return { store: `sqlite:${id}`, seq: row?.seq ?? 0 };
      }),
  };

  return {
    kind: 'sqlite',
    outbox,
    collection<T extends BaseDoc>(name: string): Collection<T> {
      const spec = specs.get(name);
      if (spec === undefined) throw unknownCollection(name);
      return makeCollection<T>(spec);
    },
    ping: () =>
      guard(() => {
        prepare('SELECT 1').get();
      }),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
