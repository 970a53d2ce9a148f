import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { UnavailableError } from '../server/errors.js';
import { createMongoStore } from '../server/store/mongo/store.js';
import { runStoreContract } from './contract/store.contract.js';

const uri = process.env.MONGODB_URI;
// One database per run, emptied before every test and dropped at the end.
const dbName = `chaintalent_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

describe('mongodb store without a server', () => {
  it('when nothing listens, then creating the store rejects with UnavailableError within ~3 s', async () => {
    const started = Date.now();
    const error = await createMongoStore({
      uri: 'mongodb://127.0.0.1:1/x',
      specs: [],
      serverSelectionTimeoutMS: 500,
    }).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(UnavailableError);
    expect((error as UnavailableError).dependency).toBe('mongodb');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('when the URI is malformed, then the configuration error is not disguised as an outage', async () => {
    const error = await createMongoStore({
      uri: 'http://127.0.0.1:1/x',
      specs: [],
    }).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).not.toBeInstanceOf(UnavailableError);
    expect((error as Error).name).toBe('MongoParseError');
  });
});

describe.skipIf(uri === undefined || uri === '')('mongodb store against MONGODB_URI', () => {
  // Opened on first use: a describe body runs even when the group is skipped.
  let admin: mongoose.Connection | undefined;
  const adminConnection = async (): Promise<mongoose.Connection> => {
    admin ??= mongoose.createConnection(uri ?? '', {
      dbName,
      serverSelectionTimeoutMS: 2000,
    });
    return admin.asPromise();
  };

  afterAll(async () => {
    const connection = await adminConnection();
    await connection.dropDatabase();
    await connection.close();
  });

  runStoreContract('mongodb', async (specs) => {
    await (await adminConnection()).dropDatabase();
    return createMongoStore({ uri: uri ?? '', specs, dbName });
  });

  it('when closed, then ping rejects with UnavailableError', async () => {
    const store = await createMongoStore({
      uri: uri ?? '',
      specs: [],
      dbName,
    });
    await store.close();
    await expect(store.ping()).rejects.toBeInstanceOf(UnavailableError);
  });
});
