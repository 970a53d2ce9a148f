import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../server/config.js';

describe('configuration', () => {
  it('when nothing is set, then the embedded default with demo data on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: './data', DEMO_DATA: true, TF_BACKEND: 'auto' });
    expect(c.MONGODB_URI).toBeUndefined();
    expect(c.MEILI_URL).toBeUndefined();
  });

  it('when DEMO_DATA=off, then the platform starts empty', () => {
    expect(loadConfig({ DEMO_DATA: 'off' }).DEMO_DATA).toBe(false);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['MONGODB_URI', 'postgres://x'],
    ['MEILI_URL', 'not a url'],
    ['DEMO_DATA', 'maybe'],
    ['TF_BACKEND', 'gpu'],
    ['ADMIN_PASSWORD', 'short'],
  ])('when %s=%s, then start-up stops with a message naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`\\b${name}\\b`));
  });

  it('when URLs are set, then they are taken', () => {
    const c = loadConfig({ MONGODB_URI: 'mongodb://mongo:27017/ct?replicaSet=rs0', MEILI_URL: 'http://meili:7700', MEILI_API_KEY: 'k' });
    expect(c.MONGODB_URI).toBe('mongodb://mongo:27017/ct?replicaSet=rs0');
    expect(c.MEILI_URL).toBe('http://meili:7700');
  });
});
