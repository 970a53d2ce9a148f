import type { Owner } from '../domain/schemas.js';

/** Fields every stored document carries; set by services, never by clients. */
export interface BaseDoc {
  id: string;
  externalId?: string | undefined;
  owner: Owner;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/**
 * Describes one collection to the store adapters, as data: adding a collection needs no
 * adapter change and no migration.
 */
export interface CollectionSpec {
  name: string;
  /** API filter key → dotted document path. A path that holds an array matches by membership. */
  filters: Record<string, string>;
  /** Natural keys unique across the collection besides `id` (a missing value is not checked). */
  unique: string[];
  /** Document path whose text orders `sort=label` in zh-CN (pinyin) order. */
  label?: string;
  /** Writes append to the outbox so that the search index follows the store. */
  indexed?: boolean;
  /** Update and delete are refused (audit log). */
  appendOnly?: boolean;
  /** Documents older than this many days may be purged by `purgeOlderThan` (never sooner). */
  retentionDays?: number;
}

export type SortField = 'createdAt' | 'updatedAt' | 'label';
export type FilterValue = string | number | boolean | Array<string | number | boolean>;

export interface ListQuery {
  /** Keys must be declared in the spec's `filters`; an array value matches any of its members. */
  filters?: Record<string, FilterValue | undefined>;
  sort?: SortField;
  order?: 'asc' | 'desc';
  /** 1–1000 (the HTTP layer caps clients at 100). */
  limit: number;
  /** Opaque, from a previous page's `nextCursor`. */
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Collection<T extends BaseDoc> {
  readonly spec: CollectionSpec;
  get(id: string): Promise<T | null>;
  getMany(ids: readonly string[]): Promise<T[]>;
  /** Looks a document up by one of the spec's unique fields (or `externalId`). */
  findByUnique(field: string, value: string): Promise<T | null>;
  list(query: ListQuery): Promise<Page<T>>;
  count(filters?: ListQuery['filters']): Promise<number>;
  /** Throws ConflictError naming the field when `id` or a unique field is taken. */
  insert(doc: T): Promise<T>;
  /** Replaces the document if its stored version is `expectedVersion`; ConflictError('version') otherwise. */
  update(doc: T, expectedVersion: number): Promise<T>;
  delete(id: string): Promise<boolean>;
  /** Inserts or replaces by id in one transaction: all written or none (ConflictError on a unique clash). */
  upsertMany(docs: readonly T[]): Promise<void>;
  /** Every document, in id order, in batches (reindexing, export). */
  scan(batchSize?: number): AsyncIterable<T[]>;
  /** Every document's id and version, in id order, in batches: what a drift check needs, without the documents. */
  versions(batchSize?: number): AsyncIterable<Array<{ id: string; version: number }>>;
  /** Deletes documents created before the cutoff; refused unless the spec has retentionDays. */
  purgeOlderThan?(cutoffIso: string): Promise<number>;
}

export interface OutboxEntry {
  seq: number;
  collection: string;
  docId: string;
  op: 'upsert' | 'delete';
  at: string;
  attempts: number;
}

export interface StoreWatermark {
  store: string;
  seq: number;
}

/** Durable queue of changes the search index has not yet taken. */
export interface Outbox {
  pending(limit: number): Promise<OutboxEntry[]>;
  ack(seqs: readonly number[]): Promise<void>;
  /** Records a failed attempt so that retries back off. */
  fail(seqs: readonly number[]): Promise<void>;
  size(): Promise<number>;
  /**
   * The store's identity and the newest outbox sequence number it has handed out (acknowledged
   * or not): `seq` moves with every indexed write, and `store` differs between two databases. A
   * search index that took every entry up to a watermark can skip its drift check while the
   * store still reports the same one.
   */
  watermark(): Promise<StoreWatermark>;
}

export interface Store {
  readonly kind: 'sqlite' | 'mongodb';
  collection<T extends BaseDoc>(name: string): Collection<T>;
  readonly outbox: Outbox;
  /** Resolves when the database answers; throws UnavailableError otherwise (quickly, never hangs). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
