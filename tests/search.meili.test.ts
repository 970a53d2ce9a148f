import { afterAll, describe, expect, it } from 'vitest';
import { Meilisearch, MeilisearchApiError } from 'meilisearch';
import { AppError, UnavailableError } from '../server/errors.js';
import { SEARCH_TYPES } from '../server/search/port.js';
import { batchJson, createMeiliSearch, mapMeiliError } from '../server/search/meili/index.js';
import { buildMeiliFilter, quoteFilterValue } from '../server/search/meili/filter.js';
import { runSearchContract } from './contract/search.contract.js';

const MEILI_URL = process.env.MEILI_URL;
const MEILI_KEY = process.env.MEILI_API_KEY;

/**
 * Reads one double-quoted operand the way Meilisearch's filter parser does (value.rs: a
 * backslash skips the next character, the first bare quote ends the value, then `\"` and `\\`
 * are unescaped). Returns the literal and what follows it.
 */
function readQuoted(expr: string): { value: string; rest: string } {
  if (!expr.startsWith('"')) throw new Error(`not quoted: ${expr}`);
  let i = 1;
  while (i < expr.length && expr[i] !== '"') i += expr[i] === '\\' ? 2 : 1;
  if (i >= expr.length) throw new Error('unterminated value');
  const raw = expr.slice(1, i);
  const value = raw.replace(/\\(["\\])/g, '$1');
  return { value, rest: expr.slice(i + 1) };
}

describe('Meilisearch filter builder', () => {
  const nasty = ['x" OR ownerId = "B', 'a\\', '\\"', 'back\\slash', '"', '\\\\") OR (public = true', '佛山 "南海"', ''];

  it('when a value holds quotes or backslashes, then it is one literal operand', () => {
    for (const v of nasty) {
      const { value, rest } = readQuoted(quoteFilterValue(v));
      expect(value).toBe(v);
      expect(rest).toBe('');
    }
  });

  it('when the injection value is filtered, then the expression keeps it inside quotes', () => {
    expect(buildMeiliFilter({ ownerId: 'x" OR ownerId = "B' })).toBe('(ownerId = "x\\" OR ownerId = \\"B")');
    const expr = buildMeiliFilter({ ownerId: 'x" OR ownerId = "B' }) ?? '';
    const { value, rest } = readQuoted(expr.slice('(ownerId = '.length));
    expect(value).toBe('x" OR ownerId = "B');
    expect(rest).toBe(')');
  });

  it('when several values and fields are given, then values are ORed with IN and fields ANDed', () => {
    expect(buildMeiliFilter({ city: ['佛山', '广州'], public: true, skillIds: 'bms' })).toBe(
      '(city IN ["佛山", "广州"]) AND (skillIds = "bms") AND (public = "true")',
    );
  });

  it('when no filter has a value, then there is no expression', () => {
    expect(buildMeiliFilter(undefined)).toBeUndefined();
    expect(buildMeiliFilter({ chainIds: [] })).toBeUndefined();
  });
});

describe('Meilisearch adapter without a server', () => {
  it('when the server cannot be reached, then ping rejects with UnavailableError quickly', async () => {
    const index = createMeiliSearch({ url: 'http://127.0.0.1:9', timeoutMs: 2_000 });
    const started = Date.now();
    await expect(index.ping()).rejects.toBeInstanceOf(UnavailableError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('when Meilisearch rejects a request, then the error keeps a fitting code', () => {
    const rejected = new MeilisearchApiError(new Response(null, { status: 400 }), {
      message: 'Attribute `secret` is not filterable.',
      code: 'invalid_search_filter',
      type: 'invalid_request',
      link: '',
    });
    const mapped = mapMeiliError(rejected);
    expect(mapped).toBeInstanceOf(AppError);
    expect((mapped as AppError).code).toBe('unprocessable');
    expect(mapMeiliError(new MeilisearchApiError(new Response(null, { status: 503 })))).toBeInstanceOf(UnavailableError);
    expect(
      (
        mapMeiliError(
          new MeilisearchApiError(new Response(null, { status: 404 }), { message: 'x', code: 'index_not_found', type: 'invalid_request', link: '' }),
        ) as AppError
      ).code,
    ).toBe('not_found');
  });

  it('when documents are batched, then every batch stays under the byte limit and none is lost', () => {
    const docs = Array.from({ length: 500 }, (_, i) => ({ id: `d${i}`, body: '热管理'.repeat(50 + (i % 7)) }));
    const batches = batchJson(docs, 20_000);
    expect(batches.length).toBeGreaterThan(1);
    for (const b of batches) expect(Buffer.byteLength(b, 'utf8')).toBeLessThanOrEqual(20_000);
    const back = batches.flatMap((b) => JSON.parse(b) as Array<{ id: string }>).map((d) => d.id);
    expect(back).toEqual(docs.map((d) => d.id));
  });
});

describe.skipIf(!MEILI_URL)('Meilisearch adapter against a server', () => {
  const prefix = `ct_test_${process.pid}_${Date.now()}_`;

  runSearchContract('meilisearch', async () =>
    createMeiliSearch({ url: MEILI_URL ?? '', apiKey: MEILI_KEY, indexPrefix: prefix, timeoutMs: 10_000 }),
  );

  afterAll(async () => {
    const client = new Meilisearch({ host: MEILI_URL ?? '', apiKey: MEILI_KEY });
    for (const t of SEARCH_TYPES) await client.deleteIndexIfExists(`${prefix}${t}`);
  });
});
