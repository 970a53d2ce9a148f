import type { Scored } from './score.js';

export interface Names {
  concept(id: string): { zh: string; en: string } | undefined;
  node(id: string): { zh: string; en: string } | undefined;
}

export interface Explanation {
  zh: string;
  en: string;
}

const LOCATION = {
  'same-city': ['同城', 'same city'],
  'same-province': ['同在广东省', 'same province (Guangdong)'],
  china: ['国内其他城市', 'elsewhere in China'],
  abroad: ['境外', 'abroad'],
  unknown: ['城市未知', 'city unknown'],
} as const;

/** A short account of why a candidate ranks where it does, in Chinese and English. */
export function explain(s: Scored, names: Names, matchedTerms: readonly string[] = []): Explanation {
  const zh: string[] = [];
  const en: string[] = [];
  const direct = s.matchedConcepts.filter((m) => m.via === 'direct');
  const related = s.matchedConcepts.filter((m) => m.via === 'related');
  const n = (id: string) => names.concept(id) ?? { zh: id, en: id };
  if (direct.length > 0) {
    zh.push(`技能/术语吻合：${direct.map((m) => n(m.id).zh).join('、')}`);
    en.push(`matching skills/terms: ${direct.map((m) => n(m.id).en).join(', ')}`);
  }
  if (related.length > 0) {
    zh.push(`相关能力：${related.map((m) => `${n(m.id).zh}（对应${n(m.through ?? '').zh}）`).join('、')}`);
    en.push(`related expertise: ${related.map((m) => `${n(m.id).en} (for ${n(m.through ?? '').en})`).join(', ')}`);
  }
  if (direct.length === 0 && related.length === 0 && matchedTerms.length > 0) {
    zh.push(`关键词：${matchedTerms.slice(0, 6).join('、')}`);
    en.push(`keywords: ${matchedTerms.slice(0, 6).join(', ')}`);
  }
  const semantic = Math.round(s.components.semantic * 100);
  zh.push(`语义相似度 ${semantic}%`);
  en.push(`semantic similarity ${semantic}%`);
  const node = s.node.nodeId ? (names.node(s.node.nodeId) ?? { zh: s.node.nodeId, en: s.node.nodeId }) : undefined;
  const inferredZh = s.node.inferred ? '（由画像推断）' : '';
  const inferredEn = s.node.inferred ? ' (inferred from the profile)' : '';
  switch (s.node.relation) {
    case 'same-node':
      zh.push(`同一产业链节点：${node?.zh ?? ''}${inferredZh}`);
      en.push(`same chain node: ${node?.en ?? ''}${inferredEn}`);
      break;
    case 'supply-link':
      zh.push(`供应链上下游节点：${node?.zh ?? ''}${inferredZh}`);
      en.push(`supply-linked node: ${node?.en ?? ''}${inferredEn}`);
      break;
    case 'same-chain':
      zh.push(`同一产业链：${node?.zh ?? ''}${inferredZh}`);
      en.push(`same chain: ${node?.en ?? ''}${inferredEn}`);
      break;
    case 'none':
      zh.push('不在同一产业链');
      en.push('different chain');
      break;
    case 'unknown':
      break;
  }
  const [lz, le] = LOCATION[s.location];
  zh.push(lz);
  en.push(le);
  return { zh: `${zh.join('；')}。`, en: `${en.join('; ')}.` };
}
