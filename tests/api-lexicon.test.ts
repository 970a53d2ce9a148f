import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from './helpers/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => t.close());

describe('the lexicon through the API', () => {
  it('when concept ids are asked for, then their Chinese and English names come back (for facet labels)', async () => {
    const res = await request(t.app).get('/api/v1/concepts').query({ ids: 'nvh,bms,not-a-concept' }).expect(200);
    expect(res.body.items.map((c: { id: string }) => c.id).sort()).toEqual(['bms', 'nvh']);
    const nvh = res.body.items.find((c: { id: string }) => c.id === 'nvh');
    expect(nvh.abbr).toContain('NVH');
    expect(nvh.zh).toMatch(/噪声|振动/);
  });

  it('when a text is given, then the concepts it mentions are listed, across languages and full-width forms', async () => {
    const res = await request(t.app).get('/api/v1/concepts').query({ text: '变频空调低频嗡嗡响，需要ＮＶＨ专家；PLC编程' }).expect(200);
    const ids = res.body.items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['nvh', 'plc']));
  });

  it('when skills are normalised, then variants in two languages meet at one id and unknown ones are returned', async () => {
    const res = await request(t.app)
      .post('/api/v1/concepts/normalize')
      .send({ skills: ['伺服调试', 'Servo tuning', '打太极拳'] })
      .expect(200);
    expect(new Set(res.body.ids).size).toBe(1);
    expect(res.body.unknown).toEqual(['打太极拳']);
  });

  it('when a concept id is unknown or malformed, then 404 or 400', async () => {
    await request(t.app).get('/api/v1/concepts/no-such-concept').expect(404);
    await request(t.app).get('/api/v1/concepts/NVH!').expect(400);
  });
});
