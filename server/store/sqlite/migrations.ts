import type Database from 'better-sqlite3';

/**
 * Ordered schema migrations; `PRAGMA user_version` counts how many have run. Append only: an
 * applied migration is never edited, a change is a new entry. Statements are deliberately not
 * `IF NOT EXISTS`, so running one twice would fail loudly instead of hiding a bookkeeping bug.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE documents (
    collection TEXT NOT NULL,
    id TEXT NOT NULL,
    ext_id TEXT,
    data TEXT NOT NULL,
    sort_key TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    UNIQUE (collection, id)
  );
  CREATE INDEX documents_created ON documents (collection, created_at, id);
  CREATE INDEX documents_updated ON documents (collection, updated_at, id);
  CREATE INDEX documents_label ON documents (collection, sort_key, id);

  -- One row per (filter path, scalar value) of a document; array members get a row each.
  CREATE TABLE filter_terms (
    collection TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (collection, field, value, id),
    FOREIGN KEY (collection, id) REFERENCES documents (collection, id) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE INDEX filter_terms_doc ON filter_terms (collection, id);

  -- Natural keys (externalId, creditCode, ...): the primary key is the uniqueness check.
  CREATE TABLE unique_keys (
    collection TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (collection, field, value),
    FOREIGN KEY (collection, id) REFERENCES documents (collection, id) ON DELETE CASCADE
  ) WITHOUT ROWID;
  CREATE INDEX unique_keys_doc ON unique_keys (collection, id);

  -- AUTOINCREMENT: an acknowledged seq is never handed out again.
  CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    collection TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
    at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0
  );
  `,
  `
  -- What each collection's derived rows (terms, unique keys, sort keys) were built from, so a
  -- changed spec triggers a rebuild on open.
  CREATE TABLE collection_specs (
    collection TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  -- Names this database, so that an outbox watermark from another store never matches it.
  CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO store_meta (key, value) VALUES ('store_id', lower(hex(randomblob(16))));
  `,
];

/**
 * Runs the migrations the database has not seen yet, each in its own transaction together with
 * the `user_version` bump. Returns how many ran.
 */
export function applyMigrations(db: Database.Database, migrations: readonly string[]): number {
  const current = Number(db.pragma('user_version', { simple: true }));
  if (current > migrations.length) {
    throw new Error(`The database is at schema version ${current}, newer than this build knows (${migrations.length})`);
  }
  let applied = 0;
  for (let version = current; version < migrations.length; version += 1) {
    const sql = migrations[version];
    if (sql === undefined) break;
    db.transaction(() => {
      db.exec(sql);
      // user_version takes no bound parameter; `version` is an integer we computed.
      db.pragma(`user_version = ${version + 1}`);
    })();
    applied += 1;
  }
  return applied;
}
