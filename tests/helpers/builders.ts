import { usccCheckChar } from '../../server/domain/primitives.js';

/** Builders with overrides: small valid records for tests (fictional, example.com addresses). */
let n = 0;
const next = () => ++n;

export function uscc(seq: number, region = '440606'): string {
  const body = `91${region}${String(seq).padStart(9, '0').slice(-9)}`;
  const first17 = `${body}${'0'.repeat(17 - body.length)}`.slice(0, 17);
  return `${first17}${usccCheckChar(first17)}`;
}

export function buildChain(overrides: Record<string, unknown> = {}) {
  const code = (overrides['code'] as string | undefined) ?? 'test-home';
  return {
    code,
    name: '测试家电链',
    nameEn: 'Test appliance chain',
    description: '用于测试的产业链',
    industryCodes: ['C385'],
    nodes: [
      {
        id: `${code}.compressor`,
        name: '压缩机',
        nameEn: 'Compressor',
        stage: 'upstream',
        order: 1,
        industryCodes: ['C3444'],
        keywords: ['转子', 'NVH'],
        gaps: [{ id: 'noise', kind: 'technology', title: '低频噪声控制', severity: 4 }],
      },
      { id: `${code}.motor`, name: '电机', nameEn: 'Motor', stage: 'upstream', order: 2, gaps: [] },
      {
        id: `${code}.aircon`,
        name: '空调整机',
        nameEn: 'Air conditioner',
        stage: 'midstream',
        order: 3,
        gaps: [{ id: 'talent', kind: 'talent', title: '声学工程师短缺', severity: 3 }],
      },
    ],
    links: [
      { from: `${code}.compressor`, to: `${code}.aircon` },
      { from: `${code}.motor`, to: `${code}.aircon` },
    ],
    ...overrides,
  };
}

export function buildEnterprise(overrides: Record<string, unknown> = {}) {
  const i = next();
  return {
    name: `佛山测试电器${i}有限公司`,
    creditCode: uscc(1000 + i),
    city: '佛山',
    description: '空调整机制造',
    nodeIds: ['test-home.aircon'],
    liaison: { name: '联络员', phone: '19900001234', email: `liaison${i}@example.com` },
    ...overrides,
  };
}

export const CONSENT = { version: '2026-01', acceptedAt: '2026-01-15T08:00:00+08:00', purposes: ['matching', 'hr_bureau_search'] };

export function buildTalent(overrides: Record<string, unknown> = {}) {
  const i = next();
  return {
    name: `测试专家${i}`,
    phone: '19900005678',
    email: `expert${i}@example.com`,
    title: '高级工程师',
    organisation: '某研究院',
    city: '佛山',
    summary: '从事压缩机转子动力学与NVH振动噪声分析十年',
    skills: ['转子动力学', 'NVH'],
    consent: CONSENT,
    ...overrides,
  };
}

export function buildInstitute(overrides: Record<string, unknown> = {}) {
  const i = next();
  return {
    name: `佛山测试研究院${i}`,
    kind: 'research_institute',
    city: '佛山',
    description: '声学与振动测试平台',
    capabilities: ['半消声室测试', '模态分析'],
    ...overrides,
  };
}

export function buildNeed(enterpriseId: string, overrides: Record<string, unknown> = {}) {
  return {
    enterpriseId,
    nodeId: 'test-home.compressor',
    kind: 'challenge',
    title: '变频空调低频嗡嗡响',
    description: '变频空调在低频运行时压缩机发出嗡嗡响，客户投诉较多，需要振动噪声专家',
    skills: ['NVH'],
    city: '佛山',
    ...overrides,
  };
}
