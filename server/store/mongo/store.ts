import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import type { ClientSession, Collection as DriverCollection, Db, Document as DriverDocument } from 'mongodb';
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
import type { BaseDoc, Collection, CollectionSpec, Outbox, OutboxEntry, Page, SortField, Store } from '../port.js';
import { labelSortKey, readPath } from '../sort-key.js';

/** Options of the MongoDB store. */
export interface MongoStoreOptions {
  uri: string;
  specs: CollectionSpec[];
  /** Overrides the database named in the URI (tests use one per run). */
  dbName?: string;
  /** How long to look for a server before failing with UnavailableError; 2000 ms by default. */
  serverSelectionTimeoutMS?: number;
  /** Clock for outbox timestamps and retention checks. */
  now?: () => Date;
}

/** Internal fields that never leave the adapter. */
const SORT_KEY = '_sk';
const SORT_PATHS: Record<SortField, string> = {
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
  label: SORT_KEY,
};
const OUTBOX = 'store_outbox';
const COUNTERS = 'store_counters';
const DEFAULT_SCAN_BATCH = 500;
const PURGE_BATCH = 1000;
const UNIQUE_INDEX_PREFIX = 'unique_';

interface OutboxDoc {
  _id: number;
  collection: string;
  docId: string;
  op: 'upsert' | 'delete';
  at: string;
  attempts: number;
}

interface CounterDoc {
  _id: string;
  seq: number;
  /** On the `identity` document only: names this database for outbox watermarks. */
  token?: string;
}

type StoredDoc = DriverDocument & { _id: string };

const { mongo } = mongoose;

/** Errors that mean "the database could not be reached", as opposed to "the request was refused". */
function isUnreachable(error: unknown): boolean {
  if (error instanceof mongoose.Error.MongooseServerSelectionError) return true;
  return (
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoTopologyClosedError ||
    error instanceof mongo.MongoServerClosedError ||
    error instanceof mongo.MongoClientClosedError ||
    error instanceof mongo.MongoOperationTimeoutError ||
    (error instanceof mongo.MongoError && error.hasErrorLabel('ResetPool'))
  );
}

/** Which field a duplicate-key error is about, from the index it names. */
function duplicateField(error: unknown): string {
  const keyPattern = (error as { keyPattern?: unknown }).keyPattern;
  if (keyPattern !== null && typeof keyPattern === 'object') {
    const first = Object.keys(keyPattern)[0];
    if (first !== undefined) return first === '_id' ? 'id' : first;
  }
  const message = error instanceof Error ? error.message : '';
  const index = /index: (\S+)/.exec(message)?.[1];
  if (index === undefined || index === '_id_') return 'id';
  return index.startsWith(UNIQUE_INDEX_PREFIX) ? index.slice(UNIQUE_INDEX_PREFIX.length) : index;
}

function isDuplicateKey(error: unknown): boolean {
  if (!(error instanceof mongo.MongoServerError || error instanceof mongo.MongoBulkWriteError)) return false;
  if (error.code === 11000) return true;
  return error instanceof mongo.MongoBulkWriteError && error.writeErrors !== undefined
    ? [error.writeErrors].flat().some((writeError) => writeError.code === 11000)
    : false;
}

function translateError(error: unknown, collection: string): unknown {
  if (error instanceof AppError) return error;
  if (isDuplicateKey(error)) {
    const field = duplicateField(error);
    return new ConflictError(field, `Another ${collection} document already has this ${field}`);
  }
  if (isUnreachable(error)) return new UnavailableError('mongodb', error);
  return error;
}

async function guard<R>(collection: string, work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    throw translateError(error, collection);
  }
}

/** The stored form: a JSON copy (so both adapters keep the same shapes), keyed by id, with its sort key. */
function toStored(spec: CollectionSpec, doc: BaseDoc): StoredDoc {
  if (typeof doc.id !== 'string' || doc.id.length === 0) {
    throw new ValidationError([{ field: 'id', message: 'must be a non-empty string' }]);
  }
  if (typeof doc.createdAt !== 'string' || typeof doc.updatedAt !== 'string') {
    throw new ValidationError([
      {
        field: 'createdAt',
        message: 'createdAt and updatedAt must be ISO date-times',
      },
    ]);
  }
  const plain = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
  const stored: StoredDoc = { ...plain, _id: doc.id };
  if (spec.label !== undefined) stored[SORT_KEY] = labelSortKey(readPath(doc, spec.label));
  return stored;
}

/** Strips what only the adapter knows about, so callers get exactly what they stored. */
function toPlain<T>(raw: unknown): T {
  const { _id: _ignoredId, __v: _ignoredVersion, [SORT_KEY]: _ignoredSortKey, ...rest } = raw as Record<string, unknown>;
  return rest as T;
}

/** Declares every path the adapter queries, so `strictQuery` keeps them and drops anything else. */
function schemaFor(spec: CollectionSpec): mongoose.Schema {
  const queried = [
    'id',
    'createdAt',
    'updatedAt',
    SORT_KEY,
    ...uniqueFields(spec),
    ...Object.values(spec.filters),
    ...(spec.label === undefined ? [] : [spec.label]),
  ];
  const definition: Record<string, unknown> = { _id: String };
  // Mixed (no casting) at the top segment keeps `1` and `"1"` distinct, as in the SQLite adapter,
  // and admits dotted sub-paths through arrays of objects.
  for (const path of queried) {
    const top = path.split('.')[0];
    if (top !== undefined && top !== '_id') definition[top] = mongoose.Schema.Types.Mixed;
  }
  const schema = new mongoose.Schema(definition, {
    strict: false,
    strictQuery: true,
    versionKey: false,
    id: false,
    autoIndex: false,
    autoCreate: false,
  });
  for (const field of uniqueFields(spec)) {
    schema.index(
      { [field]: 1 },
      {
        name: `${UNIQUE_INDEX_PREFIX}${field}`,
        unique: true,
        // "A missing value is not checked": only strings take part in uniqueness.
        partialFilterExpression: { [field]: { $type: 'string' } },
      },
    );
  }
  const unique = new Set(uniqueFields(spec));
  for (const path of new Set(Object.values(spec.filters))) {
    if (!unique.has(path)) schema.index({ [path]: 1 });
  }
  schema.index({ createdAt: 1, _id: 1 });
  schema.index({ updatedAt: 1, _id: 1 });
  if (spec.label !== undefined) schema.index({ [SORT_KEY]: 1, _id: 1 });
  return schema;
}

function filterConditions(filters: ResolvedFilter[]): Record<string, unknown>[] {
  // Values are scalars (checked in resolveFilters); operators we add ourselves are marked trusted
  // so that sanitizeFilter still neutralises any that arrive inside values.
  return filters.map((filter) =>
    filter.values.length === 1 ? { [filter.path]: filter.values[0] } : { [filter.path]: mongoose.trusted({ $in: filter.values }) },
  );
}

function where(conditions: Record<string, unknown>[]): Record<string, unknown> {
  return conditions.length === 0 ? {} : { $and: conditions };
}

/**
 * The production store: one MongoDB collection per spec (declared indexes synced at start-up),
 * an outbox collection with a counter for its sequence, transactions when the deployment is a
 * replica set. Rejects with UnavailableError when no server answers within the selection timeout.
 */
export async function createMongoStore(options: MongoStoreOptions): Promise<Store> {
  const now = options.now ?? (() => new Date());
  const specs = new Map<string, CollectionSpec>();
  for (const spec of options.specs) {
    if (specs.has(spec.name)) throw new AppError('internal', `Collection ${spec.name} is declared twice`);
    if (spec.name === OUTBOX || spec.name === COUNTERS) {
      throw new AppError('internal', `Collection name ${spec.name} is reserved by the store`);
    }
    specs.set(spec.name, spec);
  }

  const connection = mongoose.createConnection(options.uri, {
    ...(options.dbName === undefined ? {} : { dbName: options.dbName }),
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 2000,
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
    sanitizeFilter: true,
  });

  let db: Db;
  let transactions: boolean;
  const models = new Map<string, mongoose.Model<Record<string, unknown>>>();
  try {
    await connection.asPromise();
    const connectedDb = connection.db;
    if (connectedDb === undefined) throw new UnavailableError('mongodb');
    db = connectedDb;
    const hello = await db.command({ hello: 1 });
    // Multi-document transactions need a replica set or a sharded cluster.
    transactions = typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
    for (const spec of specs.values()) {
      const model = connection.model<Record<string, unknown>>(spec.name, schemaFor(spec), spec.name);
      await model.createCollection().catch((error: unknown) => {
        // 48 NamespaceExists: created by an earlier start.
        if (!(error instanceof mongo.MongoServerError && error.code === 48)) throw error;
      });
      await model.syncIndexes();
      models.set(spec.name, model);
    }
  } catch (error) {
    await connection.close(true).catch(() => undefined);
    // A malformed URI or a refused login is a configuration error, not an outage: it stays as is.
    throw translateError(error, 'store');
  }

  const outboxCollection: DriverCollection<OutboxDoc> = db.collection<OutboxDoc>(OUTBOX);
  const counters: DriverCollection<CounterDoc> = db.collection<CounterDoc>(COUNTERS);

  const inWrite = async <R>(work: (session: ClientSession | undefined) => Promise<R>): Promise<R> => {
    if (!transactions) return work(undefined);
    const session = connection.getClient().startSession();
    try {
      return await session.withTransaction(() => work(session));
    } finally {
      await session.endSession();
    }
  };

  const appendOutbox = async (
    spec: CollectionSpec,
    entries: readonly { docId: string; op: 'upsert' | 'delete' }[],
    session: ClientSession | undefined,
  ): Promise<void> => {
    if (spec.indexed !== true || entries.length === 0) return;
    // One $inc reserves a block of sequence numbers for the whole batch.
    const counter = await counters.findOneAndUpdate(
      { _id: 'outbox' },
      { $inc: { seq: entries.length } },
      {
        upsert: true,
        returnDocument: 'after',
        ...(session === undefined ? {} : { session }),
      },
    );
    if (counter === null) throw new AppError('internal', 'The outbox counter was not returned');
    const first = counter.seq - entries.length + 1;
    const at = now().toISOString();
    await outboxCollection.insertMany(
      entries.map((entry, index) => ({
        _id: first + index,
        collection: spec.name,
        docId: entry.docId,
        op: entry.op,
        at,
        attempts: 0,
      })),
      { ordered: true, ...(session === undefined ? {} : { session }) },
    );
  };

  function makeCollection<T extends BaseDoc>(spec: CollectionSpec, model: mongoose.Model<Record<string, unknown>>): Collection<T> {
    const native = db.collection<StoredDoc>(spec.name);
    const sessionOption = (session: ClientSession | undefined) => (session === undefined ? {} : { session });
    const run = <R>(work: () => Promise<R>) => guard(spec.name, work);

    const findRaw = async (filter: Record<string, unknown>): Promise<unknown> => model.findOne(filter).lean().exec();

    /** Pre-checks a batch's unique values, so a clash is refused before anything is written. */
    const checkBatchUniques = async (docs: readonly T[]): Promise<void> => {
      const batchIds = docs.map((doc) => doc.id);
      for (const field of uniqueFields(spec)) {
        const owners = new Map<string, string>();
        for (const doc of docs) {
          const value = readPath(doc, field);
          if (typeof value !== 'string') continue;
          const owner = owners.get(value);
          if (owner !== undefined && owner !== doc.id) {
            throw new ConflictError(field, `Two ${spec.name} documents in the batch share this ${field}`);
          }
          owners.set(value, doc.id);
        }
        if (owners.size === 0) continue;
        const clash = await model
          .findOne({
            [field]: mongoose.trusted({ $in: [...owners.keys()] }),
            _id: mongoose.trusted({ $nin: batchIds }),
          })
          .lean()
          .exec();
        if (clash !== null) throw new ConflictError(field, `Another ${spec.name} document already has this ${field}`);
      }
    };

    /** Every document in id order, `batchSize` at a time (keyset paging on _id): serves scan() and versions(). */
    const pagesById = <R extends { _id: string }, O>(
      batchSize: number,
      read: (after: string | null, limit: number) => Promise<R[]>,
      map: (row: R) => O,
    ): AsyncIterable<O[]> => ({
      async *[Symbol.asyncIterator]() {
        if (!Number.isInteger(batchSize) || batchSize < 1) {
          throw new ValidationError([{ field: 'batchSize', message: 'must be a positive integer' }]);
        }
        let after: string | null = null;
        for (;;) {
          const from: string | null = after;
          const rows: R[] = await run(() => read(from, batchSize));
          const last = rows.at(-1);
          if (last === undefined) return;
          after = last._id;
          yield rows.map(map);
          if (rows.length < batchSize) return;
        }
      },
    });

    const collection: Collection<T> = {
      spec,

      get: (id) =>
        run(async () => {
          const raw = await findRaw({ _id: id });
          return raw === null ? null : toPlain<T>(raw);
        }),

      getMany: (ids) =>
        run(async () => {
          if (ids.length === 0) return [];
          const rows: unknown[] = await model
            .find({ _id: mongoose.trusted({ $in: [...ids] }) })
            .lean()
            .exec();
          const byId = new Map(rows.map((raw) => [(raw as { _id: string })._id, raw]));
          const out: T[] = [];
          for (const id of new Set(ids)) {
            const raw = byId.get(id);
            if (raw !== undefined) out.push(toPlain<T>(raw));
          }
          return out;
        }),

      findByUnique: (field, value) =>
        run(async () => {
          assertUniqueField(spec, field);
          const raw = await findRaw({ [field]: value });
          return raw === null ? null : toPlain<T>(raw);
        }),

      list: (query) =>
        run(async (): Promise<Page<T>> => {
          const resolved = resolveListQuery(spec, query);
          if (resolved.filters.some((f) => f.values.length === 0)) return { items: [], nextCursor: null };
          const path = SORT_PATHS[resolved.sort];
          const direction = resolved.order === 'asc' ? 1 : -1;
          const conditions = filterConditions(resolved.filters);
          if (resolved.after !== null) {
            const beyond = resolved.order === 'asc' ? '$gt' : '$lt';
            conditions.push({
              $or: [
                {
                  [path]: mongoose.trusted({ [beyond]: resolved.after.value }),
                },
                {
                  [path]: resolved.after.value,
                  _id: mongoose.trusted({ [beyond]: resolved.after.id }),
                },
              ],
            });
          }
          const rows: unknown[] = await model
            .find(where(conditions))
            .sort({ [path]: direction, _id: direction })
            .limit(resolved.limit + 1)
            .lean()
            .exec();
          const pageRows = rows.slice(0, resolved.limit);
          const last = pageRows.at(-1) as Record<string, unknown> | undefined;
          const lastValue = last?.[path];
          return {
            items: pageRows.map((raw) => toPlain<T>(raw)),
            nextCursor:
              rows.length > resolved.limit && last !== undefined
                ? encodeCursor(resolved.sort, resolved.order, {
                    value: typeof lastValue === 'string' ? lastValue : '',
                    id: String(last._id),
                  })
                : null,
          };
        }),

      count: (filters) =>
        run(async () => {
          const resolved = resolveFilters(spec, filters);
          if (resolved.some((f) => f.values.length === 0)) return 0;
          return model.countDocuments(where(filterConditions(resolved))).exec();
        }),

      insert: (doc) =>
        run(async () => {
          const stored = toStored(spec, doc);
          await inWrite(async (session) => {
            await native.insertOne(stored, sessionOption(session));
            await appendOutbox(spec, [{ docId: doc.id, op: 'upsert' }], session);
          });
          return toPlain<T>(stored);
        }),

      update: (doc, expectedVersion) =>
        run(async () => {
          if (spec.appendOnly === true) throw appendOnlyRefusal(spec, 'update');
          const stored = toStored(spec, doc);
          await inWrite(async (session) => {
            const result = await native.replaceOne({ _id: doc.id, version: expectedVersion }, stored, sessionOption(session));
            if (result.matchedCount === 0) {
              const current = await native.findOne({ _id: doc.id }, { projection: { _id: 1 }, ...sessionOption(session) });
              if (current === null) throw new NotFoundError(spec.name, doc.id);
              throw new ConflictError('version', `${spec.name} ${doc.id} was changed by someone else`);
            }
            await appendOutbox(spec, [{ docId: doc.id, op: 'upsert' }], session);
          });
          return toPlain<T>(stored);
        }),

      delete: (id) =>
        run(async () => {
          if (spec.appendOnly === true) throw appendOnlyRefusal(spec, 'delete');
          return inWrite(async (session) => {
            const result = await native.deleteOne({ _id: id }, sessionOption(session));
            if (result.deletedCount === 0) return false;
            await appendOutbox(spec, [{ docId: id, op: 'delete' }], session);
            return true;
          });
        }),

      upsertMany: (docs) =>
        run(async () => {
          const byId = new Map<string, T>();
          for (const doc of docs) byId.set(doc.id, doc);
          const batch = [...byId.values()];
          if (batch.length === 0) return;
          const stored = batch.map((doc) => toStored(spec, doc));
          if (spec.appendOnly === true) {
            const existing = await native.findOne({ _id: { $in: batch.map((doc) => doc.id) } }, { projection: { _id: 1 } });
            if (existing !== null) throw appendOnlyRefusal(spec, 'replacing an entry');
          }
          // Without transactions (standalone server) this check is what keeps the batch all-or-nothing.
          await checkBatchUniques(batch);
          await inWrite(async (session) => {
            await native.bulkWrite(
              stored.map((replacement) => ({
                replaceOne: {
                  filter: { _id: replacement._id },
                  replacement,
                  upsert: true,
                },
              })),
              { ordered: true, ...sessionOption(session) },
            );
            await appendOutbox(
              spec,
              batch.map((doc) => ({ docId: doc.id, op: 'upsert' as const })),
              session,
            );
          });
        }),

      scan: (batchSize = DEFAULT_SCAN_BATCH) =>
        pagesById(
          batchSize,
          (after, limit) =>
            model
              .find(after === null ? {} : { _id: mongoose.trusted({ $gt: after }) })
              .sort({ _id: 1 })
              .limit(limit)
              .lean<Array<{ _id: string }>>()
              .exec(),
          (raw) => toPlain<T>(raw),
        ),

      versions: (batchSize = DEFAULT_SCAN_BATCH) =>
        pagesById(
          batchSize,
          (after, limit) =>
            native
              .find<{ _id: string; version: number }>(after === null ? {} : { _id: { $gt: after } }, { projection: { _id: 1, version: 1 } })
              .sort({ _id: 1 })
              .limit(limit)
              .toArray(),
          (r) => ({ id: r._id, version: r.version }),
        ),

      purgeOlderThan: (cutoffIso) =>
        run(async () => {
          const cutoff = resolvePurgeCutoff(spec, cutoffIso, now());
          let purged = 0;
          for (;;) {
            const victims = await native
              .find({ createdAt: { $lt: cutoff } }, { projection: { _id: 1 } })
              .sort({ _id: 1 })
              .limit(PURGE_BATCH)
              .toArray();
            if (victims.length === 0) return purged;
            const ids = victims.map((victim) => victim._id);
            purged += await inWrite(async (session) => {
              const result = await native.deleteMany({ _id: { $in: ids } }, sessionOption(session));
              await appendOutbox(
                spec,
                ids.map((docId) => ({ docId, op: 'delete' as const })),
                session,
              );
              return result.deletedCount;
            });
          }
        }),
    };
    return collection;
  }

  const checkSeqs = (seqs: readonly number[]): number[] => {
    if (!seqs.every((seq) => Number.isInteger(seq))) {
      throw new ValidationError([{ field: 'seqs', message: 'must be integers' }]);
    }
    return [...seqs];
  };

  const outbox: Outbox = {
    pending: (limit) =>
      guard(OUTBOX, async () => {
        if (!Number.isInteger(limit) || limit < 1) {
          throw new ValidationError([{ field: 'limit', message: 'must be a positive integer' }]);
        }
        const rows = await outboxCollection.find({}).sort({ _id: 1 }).limit(limit).toArray();
        return rows.map((row): OutboxEntry => ({
          seq: row._id,
          collection: row.collection,
          docId: row.docId,
          op: row.op,
          at: row.at,
          attempts: row.attempts,
        }));
      }),
    ack: (seqs) =>
      guard(OUTBOX, async () => {
        if (seqs.length === 0) return;
        await outboxCollection.deleteMany({ _id: { $in: checkSeqs(seqs) } });
      }),
    fail: (seqs) =>
      guard(OUTBOX, async () => {
        if (seqs.length === 0) return;
        await outboxCollection.updateMany({ _id: { $in: checkSeqs(seqs) } }, { $inc: { attempts: 1 } });
      }),
    size: () => guard(OUTBOX, () => outboxCollection.countDocuments({})),
    watermark: () =>
      guard(OUTBOX, async () => {
        // The first call names the database; concurrent first calls agree through the upsert.
        await counters.updateOne({ _id: 'identity' }, { $setOnInsert: { seq: 0, token: randomUUID() } }, { upsert: true });
        const [identity, outboxCounter] = await Promise.all([counters.findOne({ _id: 'identity' }), counters.findOne({ _id: 'outbox' })]);
        if (!identity?.token) throw new AppError('internal', 'The store identity was not returned');
        return { store: `mongodb:${identity.token}`, seq: outboxCounter?.seq ?? 0 };
      }),
  };

  return {
    kind: 'mongodb',
    outbox,
    collection<T extends BaseDoc>(name: string): Collection<T> {
      const spec = specs.get(name);
      const model = models.get(name);
      if (spec === undefined || model === undefined) throw unknownCollection(name);
      return makeCollection<T>(spec, model);
    },
    ping: () =>
      guard('store', async () => {
        // readyState 1 = connected; a closed connection must not silently reconnect here.
        if (connection.readyState !== 1) throw new UnavailableError('mongodb');
        await db.command({ ping: 1 }, { timeoutMS: options.serverSelectionTimeoutMS ?? 2000 });
      }),
    close: async () => {
      await connection.close();
    },
  };
}
