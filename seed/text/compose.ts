import { usccCheckChar } from '../../server/domain/primitives.js';
import type { Rng } from '../prng.js';
import { CHAIN_SHORT, type Catalog, type NodeRef } from './catalog.js';
import {
  BRAND_SYLLABLES,
  CHAIN_DISTRICTS,
  DISTRICTS,
  ENTERPRISE_SUFFIX,
  FORBIDDEN_BRANDS,
  GIVEN,
  INSTITUTE_CITIES,
  SURNAMES,
  TALENT_CITIES,
  TITLES,
  type District,
  type DistrictKey,
} from './names.js';
import type { EnterpriseSeed, InstituteSeed, Lang, NeedSeed, TalentSeed } from './types.js';

/**
 * Record composers shared by the demo and the load generator. Each picks one of many sentence
 * structures and fills it from a single node's phrase bank, so wording varies while the domain
 * inside a record stays coherent.
 */

type Vars = Record<string, string | number>;

export function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const v = vars[key];
    return v === undefined ? whole : String(v);
  });
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const lower = (s: string): string => s.toLowerCase();
/** The first clause of a zh problem statement, for quoting it inside another sentence. */
const clause = (s: string): string => s.split('，')[0] ?? s;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export const pickLang = (rng: Rng): Lang =>
  rng.weighted<Lang>([
    ['zh', 70],
    ['en', 15],
    ['mixed', 15],
  ]);

// ---------------------------------------------------------------- names and codes

export interface Brand {
  zh: string;
  en: string;
}

export function brand(rng: Rng): Brand {
  for (;;) {
    const [a, b] = rng.sample(BRAND_SYLLABLES, 2);
    if (a === undefined || b === undefined) throw new Error('brand pool too small');
    const zh = a[0] + b[0];
    if (FORBIDDEN_BRANDS.some((f) => zh.includes(f) || f.includes(zh))) continue;
    return { zh, en: a[1] + b[1].toLowerCase() };
  }
}

export interface PersonName {
  zh: string;
  /** Surname first, as used in mainland English profiles. */
  en: string;
  /** Given name first, as used abroad. */
  enWestern: string;
  emailLocal: string;
}

export function personName(rng: Rng): PersonName {
  const [sZh, sEn] = rng.pick(SURNAMES);
  const given = rng.chance(0.7) ? rng.sample(GIVEN, 2) : [rng.pick(GIVEN)];
  const gZh = given.map((g) => g[0]).join('');
  const gEn = cap(given.map((g) => g[1]).join(''));
  return {
    zh: sZh + gZh,
    en: `${sEn} ${gEn}`,
    enWestern: `${gEn} ${sEn}`,
    emailLocal: `${lower(sEn)}.${lower(gEn)}`,
  };
}

const FOREIGN_GIVEN = ['Anna', 'Martin', 'Kenji', 'Priya', 'David', 'Sofia', 'Lukas', 'Hannah', 'Yuki', 'Daniel', 'Elena', 'Arjun'];
const FOREIGN_SURNAME = ['Keller', 'Nair', 'Tanaka', 'Fischer', 'Weber', 'Lim', 'Sato', 'Novak', 'Silva', 'Brandt', 'Ong', 'Moreau'];

/**
 * Phones come from 1990000xxxx, a block the demo reserves for fictional people; the suffix is
 * assigned by the caller so phones are unique within a data set.
 */
export const fictionalPhone = (suffix: number): string => `1990000${pad(suffix % 10000, 4)}`;

// GB 11714: organisation code check character over an 8-character body.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
function orgCodeCheck(body: string): string {
  const sum = [...body].reduce((s, ch, i) => s + parseInt(ch, 36) * (ORG_WEIGHTS[i] ?? 0), 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/**
 * A unified social credit code for a fictional enterprise: 9 (market regulator) + 1 (enterprise),
 * the district's county code, an organisation code with its GB 11714 check, then the
 * GB 32100 check character. The serial keeps codes unique within one data set.
 */
export function fictionalUscc(rng: Rng, district: District, serial: number): string {
  const body = `${rng.int(10, 99)}${pad(serial % 1_000_000, 6)}`;
  const first17 = `91${district.code}${body}${orgCodeCheck(body)}`;
  const check = usccCheckChar(first17);
  if (check === undefined) throw new Error(`cannot compute USCC check for ${first17}`);
  return first17 + check;
}

function isoDate(rng: Rng, from: Date, to: Date): string {
  const t = from.getTime() + Math.floor(rng.next() * (to.getTime() - from.getTime()));
  return new Date(t).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- talents

type OrgKind = 'company' | 'university' | 'institute';
const ORG_ZH: readonly (readonly [string, OrgKind])[] = [
  ['佛山市{b}{p}有限公司', 'company'],
  ['广东{b}科技股份有限公司', 'company'],
  ['深圳{b}智能科技有限公司', 'company'],
  ['{b}精密制造（佛山）有限公司', 'company'],
  ['{b}理工大学{d}学院', 'university'],
  ['{b}大学{d}系', 'university'],
  ['佛山{b}先进制造研究院', 'institute'],
  ['广州{b}{c}研究所', 'institute'],
];
const ORG_EN: readonly (readonly [string, OrgKind])[] = [
  ['{B} Technology Co., Ltd.', 'company'],
  ['{B} Precision Industries', 'company'],
  ['{B} Applied Sciences GmbH', 'company'],
  ['{B} University of Technology', 'university'],
  ['School of {D}, {B} University', 'university'],
  ['{B} Institute of Advanced Manufacturing', 'institute'],
  ['{B} Research Centre', 'institute'],
];
const TITLE_BY_ORG: Record<OrgKind, readonly number[]> = {
  company: [0, 1, 2, 7, 8, 9, 10, 12, 13, 14],
  university: [3, 4, 5, 6, 11],
  institute: [0, 1, 5, 6, 11],
};

const TALENT_ZH = [
  '从事{T}工作{years}年，{ach}。熟悉{kw}、{kw2}，希望参与佛山{chain}企业的技术攻关。',
  '{disc}专业出身，现任{org}{title}，主要研究{T}与{T2}。',
  '长期在{prod}研发一线，处理过“{P}”这类现场问题，擅长{kw}。',
  '研究方向：{T}；{T2}。近年来{ach}，可提供技术咨询与联合攻关。',
  '{years}年{chain}行业经验，先后负责{prod}的{T}，{ach}。',
  '擅长{kw}和{kw2}，在{T}方面有系统积累，愿意以兼职或项目制方式服务企业。',
  '曾在多家{prod}企业任职，专注{T}。{ach}。',
  '关注{T}的工程化落地，带领团队{ach}，目前在{city}工作。',
  '主攻{T}。代表性工作：{ach}。对“{P}”一类问题有实际处理经验。',
  '我在{org}负责{T}，平时和{prod}生产线打交道最多，{kw}、{kw2}都用得比较熟。',
];
const TALENT_MIXED = [
  '{years}年经验，focus on {Ten}，熟悉{kwEn}和{kw}，{ach}。',
  '专注{T}（{Ten}），{ach}，open to consulting 和短期项目。',
  'Tech stack：{kwEn} / {kwEn2} / {kw}。做过{prod}的{T}，{ach}。',
  '{title}，{years} years in {nodeEn}。主要做{T}，能处理“{P}”等问题。',
];
const TALENT_EN = [
  '{titleEn} with {years} years in {Ten}. {AchEn}. Skilled in {kwEn} and {kwEn2}.',
  'Works on {Ten} and {Ten2}; {achEn}. Open to part-time projects with manufacturers in Foshan.',
  'Over {years} years of hands-on work in {nodeEn}. {AchEn}.',
  'Researcher in {discEn} focusing on {Ten}. Has helped factories with problems such as: {Pen}.',
  'I help {nodeEn} makers with {Ten}. Background in {discEn}; {achEn}.',
];

export interface TalentParams {
  externalId: string;
  /** Unique within the data set; drives the phone and e-mail. */
  serial: number;
  primary: string;
  /** Whether the profile names its nodes; the rest rely on inference from text. */
  withNodeIds: boolean;
  /** Base of the phone block used for talents. */
  phoneBase?: number;
  /** Omit contact details, e.g. when the data set is larger than the fictional phone block. */
  withPhone?: boolean;
  /** Lets a second data set (the benchmark load) keep its e-mails apart from the demo's. */
  mailDomain?: string;
}

export function composeTalent(rng: Rng, cat: Catalog, p: TalentParams): TalentSeed {
  const ref = cat.ref(p.primary);
  const t = ref.text;
  const city = rng.weighted(TALENT_CITIES);
  const lang: Lang = city.abroad
    ? rng.weighted<Lang>([
        ['en', 7],
        ['mixed', 3],
      ])
    : rng.weighted<Lang>([
        ['zh', 69],
        ['mixed', 15],
        ['en', 16],
      ]);
  const name = personName(rng);
  const foreign = lang === 'en' && city.abroad && rng.chance(0.4);

  const b = brand(rng);
  const [orgTpl, orgKind] = lang === 'en' ? rng.pick(ORG_EN) : rng.pick(ORG_ZH);
  const [titleZh, titleEn] = TITLES[rng.pick(TITLE_BY_ORG[orgKind])] ?? ['工程师', 'Engineer'];
  const disc = rng.pick(t.disciplines);
  const discEn = rng.pick(t.disciplinesEn);
  const organisation = fill(orgTpl, {
    b: b.zh,
    B: b.en,
    p: rng.pick(t.products),
    d: disc,
    D: discEn,
    c: CHAIN_SHORT[ref.chain.code]?.zh ?? '',
  });
  const years = titleZh === '博士后' ? rng.int(2, 6) : rng.int(4, 34);
  const [T, T2] = rng.sample(t.tech, 2);
  const [Ten, Ten2] = rng.sample(t.techEn, 2);
  const [kw, kw2] = rng.sample(ref.tagsZh, 2);
  const [kwEn, kwEn2] = rng.sample(ref.tagsEn, 2);
  const ach = fill(rng.pick(t.achievements), { n: rng.int(2, 9) });
  const achEn = fill(rng.pick(t.achievementsEn), { n: rng.int(2, 9) });
  const vars: Vars = {
    T: T ?? '',
    T2: T2 ?? T ?? '',
    Ten: Ten ?? '',
    Ten2: Ten2 ?? Ten ?? '',
    kw: kw ?? ref.node.name,
    kw2: kw2 ?? ref.node.name,
    kwEn: kwEn ?? '',
    kwEn2: kwEn2 ?? kwEn ?? '',
    ach,
    achEn,
    AchEn: cap(achEn),
    years,
    disc,
    discEn: lower(discEn),
    org: organisation,
    title: titleZh,
    titleEn,
    prod: rng.pick(t.products),
    chain: CHAIN_SHORT[ref.chain.code]?.zh ?? ref.chain.name,
    P: clause(rng.pick(t.problems)),
    Pen: rng.pick(t.problemsEn),
    nodeEn: lower(ref.node.nameEn),
    city: city.zh,
  };
  const template = lang === 'en' ? rng.pick(TALENT_EN) : lang === 'mixed' ? rng.pick(TALENT_MIXED) : rng.pick(TALENT_ZH);
  const summary = fill(template, vars);

  const skills =
    lang === 'en' ? rng.sample(ref.tagsEn, rng.int(4, 8)) : [...rng.sample(ref.tagsZh, rng.int(3, 6)), ...rng.sample(ref.tagsEn, rng.int(1, 3))];
  // A second, neighbouring node gives profiles the breadth real experts have.
  const neighbour = ref.neighbours.length > 0 && rng.chance(0.35) ? rng.pick(ref.neighbours) : undefined;
  if (neighbour !== undefined) {
    const nref = cat.ref(neighbour);
    const pool = lang === 'en' ? nref.tagsEn : nref.tagsZh;
    skills.push(...rng.sample(pool, 2));
  }
  const fields =
    lang === 'en'
      ? [discEn, ref.node.nameEn].filter((f) => f.length <= 40)
      : rng.sample([disc, ref.node.name, CHAIN_SHORT[ref.chain.code]?.zh ?? ref.chain.name], rng.int(1, 3));
  const achievements = lang === 'en' ? [cap(achEn)] : rng.sample(t.achievements, rng.int(1, 2)).map((a) => fill(a, { n: rng.int(2, 9) }));
  if (lang === 'mixed' && rng.chance(0.5)) achievements.push(cap(achEn));

  const purposes: ('matching' | 'hr_bureau_search' | 'contact_sharing')[] = ['matching'];
  if (rng.chance(0.85)) purposes.push('hr_bureau_search');
  if (rng.chance(0.6)) purposes.push('contact_sharing');
  const day = rng.int(5, 28);

  const displayName =
    lang === 'en' ? (foreign ? `${rng.pick(FOREIGN_GIVEN)} ${rng.pick(FOREIGN_SURNAME)}` : city.abroad ? name.enWestern : name.en) : name.zh;
  const emailLocal = foreign ? lower(displayName.replace(' ', '.')) : name.emailLocal;
  const withPhone = (p.withPhone ?? true) && !city.abroad && rng.chance(0.9);

  return {
    externalId: p.externalId,
    name: displayName,
    ...(withPhone ? { phone: fictionalPhone((p.phoneBase ?? 0) + p.serial) } : {}),
    email: `${emailLocal}.${pad(p.serial, 6)}@${p.mailDomain ?? 'example.com'}`,
    title: lang === 'en' ? titleEn : titleZh,
    organisation,
    city: lang === 'en' ? city.en : city.zh,
    summary,
    skills: [...new Set(skills)],
    fields: [...new Set(fields)],
    achievements,
    yearsExperience: years,
    availability: rng.weighted([
      ['open_to_offers', 40],
      ['part_time', 30],
      ['available', 20],
      ['unavailable', 10],
    ] as const),
    nodeIds: p.withNodeIds ? [p.primary, ...(neighbour !== undefined && rng.chance(0.6) ? [neighbour] : [])] : [],
    consent: {
      version: '2026-01',
      acceptedAt: `2026-01-${pad(day, 2)}T${pad(rng.int(8, 21), 2)}:${pad(rng.int(0, 59), 2)}:00+08:00`,
      purposes,
    },
  };
}

// ---------------------------------------------------------------- enterprises

const ENTERPRISE_ZH = [
  '公司位于佛山市{dist}，主要生产{prod}和{prod2}，产品配套{downstream}。近年来重点投入{T}。',
  '{short}专注{node}领域，是{dist}较早从事{prod}的企业之一，拥有自建实验室和{equip}。',
  '主营{prod}，客户覆盖国内外{chain}企业。公司正在推进{T}和数字化车间建设。',
  '{short}成立于{year}年，从{prod}起步，逐步延伸到{prod2}，目前在{dist}设有生产基地。',
  '一家做{prod}的{size}企业，设有研发中心，工程师团队以{disc}专业为主。',
  '公司以{prod}为核心业务，关注{kw}与{kw2}，希望通过链上合作补齐{T}能力。',
  '{dist}{node}骨干企业，产品包括{prod}、{prod2}等，已通过ISO 9001质量管理体系认证。',
  '从代工起家，现拥有自主品牌{prod}，在{T}方面与多家高校有合作。',
];
const ENTERPRISE_EN = [
  'A {nodeEn} manufacturer in {distEn}, Foshan, investing in {Ten}.',
  '{nameEn} makes products for {chainEn} customers at home and abroad, with an in-house lab focused on {Ten}.',
];

/** Which of the chain's suffixes (by index in ENTERPRISE_SUFFIX) fit a node; unlisted nodes take any. */
const NODE_SUFFIX: Record<string, readonly number[]> = {
  'smart-home.compressor': [0, 1],
  'smart-home.motor-drive': [2],
  'smart-home.control-chip': [3],
  'smart-home.iot-platform': [3],
  'smart-home.heat-exchange': [0, 1],
  'robotics.reducer': [2],
  'robotics.servo': [3],
  'robotics.controller': [3],
  'robotics.sensor-vision': [3],
  'robotics.industrial-robot': [0],
  'robotics.cnc-machine': [1, 2],
  'robotics.injection-machine': [1, 2],
  'nev.hydrogen': [2],
  'nev.battery-materials': [0],
  'nev.battery-cell': [0, 3],
  'nev.bms-pack': [0, 3],
  'nev.e-drive': [1, 3],
  'nev.auto-electronics': [1],
  'nev.lightweight': [1],
  'nev.charging': [0, 3],
  'nev.vehicle': [0, 1],
  'new-materials.aluminium-casting': [0],
  'new-materials.aluminium-extrusion': [0],
  'new-materials.surface-treatment': [3],
  'new-materials.ceramic-powder': [1, 2],
  'new-materials.ceramic-substrate': [2],
  'new-materials.structural-ceramics': [2],
  'new-materials.composites': [1],
  'new-materials.material-application': [1],
  'ceramics-home.raw-glaze': [0],
  'ceramics-home.kiln-equipment': [0],
  'ceramics-home.tiles': [0],
  'ceramics-home.sanitary': [2],
  'ceramics-home.furniture': [3],
  'ceramics-home.custom-home': [1],
  'ceramics-home.design-decoration': [1],
  'ceramics-home.exhibition-logistics': [1],
  'electronics.power-semiconductor': [2],
  'electronics.components': [0],
  'electronics.pcb': [0],
  'electronics.led-display': [1],
  'electronics.comm-module': [0],
  'electronics.industrial-software': [3],
  'electronics.smart-terminal': [0],
  'biomedicine.api-chemicals': [0],
  'biomedicine.tcm-materials': [0],
  'biomedicine.biologics': [2],
  'biomedicine.medical-devices': [1],
  'biomedicine.formulation': [0],
  'biomedicine.cro-testing': [2],
  'biomedicine.health-services': [3],
  'food.agri-raw': [0],
  'food.ingredients': [0],
  'food.seasoning': [1],
  'food.beverage': [2],
  'food.processing-equipment': [3],
  'food.packaging': [0],
  'food.cold-chain': [0],
  'food.food-safety': [0],
};

export interface EnterpriseParams {
  externalId: string;
  serial: number;
  chainCode: string;
  nodeIds: string[];
  leading: boolean;
  phoneBase?: number;
  withPhone?: boolean;
  mailDomain?: string;
}

export interface ComposedEnterprise {
  seed: EnterpriseSeed;
  shortZh: string;
  shortEn: string;
  district: District;
}

export function composeEnterprise(rng: Rng, cat: Catalog, p: EnterpriseParams): ComposedEnterprise {
  const primary = p.nodeIds[0];
  if (primary === undefined) throw new Error('an enterprise needs at least one node');
  const ref = cat.ref(primary);
  const t = ref.text;
  const district = DISTRICTS[rng.weighted<DistrictKey>(CHAIN_DISTRICTS[p.chainCode] ?? [['nanhai', 1]])];
  const b = brand(rng);
  const suffixes = ENTERPRISE_SUFFIX[p.chainCode] ?? [['科技有限公司', 'Technology Co., Ltd.']];
  const fitting = NODE_SUFFIX[primary];
  // A firm's name should say what it makes: a glaze maker is not a furniture company.
  const [suffixZh, suffixEn] = (fitting !== undefined ? suffixes[rng.pick(fitting)] : undefined) ?? rng.pick(suffixes);
  const shortZh = b.zh + suffixZh.replace(/(股份)?有限公司$/, '');
  const shortEn = b.en;
  const name = `佛山市${district.name}${b.zh}${suffixZh}`;
  const nameEn = `Foshan ${district.nameEn} ${b.en} ${suffixEn}`;
  const [prod, prod2] = rng.sample(t.products, 2);
  const downstreamIds = (ref.chain.links ?? []).filter((l) => l.from === primary).map((l) => l.to);
  const downstream = downstreamIds.length > 0 ? cat.ref(rng.pick(downstreamIds)).node.name : `${CHAIN_SHORT[ref.chain.code]?.zh ?? ''}终端品牌`;
  const [kw, kw2] = rng.sample(ref.tagsZh, 2);
  const vars: Vars = {
    dist: district.name,
    distEn: district.nameEn,
    prod: prod ?? ref.node.name,
    prod2: prod2 ?? prod ?? ref.node.name,
    downstream,
    T: rng.pick(t.tech),
    Ten: rng.pick(t.techEn),
    short: shortZh,
    node: ref.node.name,
    nodeEn: lower(ref.node.nameEn),
    equip: rng.pick(t.equipment),
    chain: CHAIN_SHORT[ref.chain.code]?.zh ?? ref.chain.name,
    chainEn: CHAIN_SHORT[ref.chain.code]?.en ?? ref.chain.nameEn,
    year: rng.int(1988, 2019),
    size: p.leading ? '规模以上' : rng.pick(['中小', '专精特新', '成长型', '高新技术']),
    disc: rng.pick(t.disciplines),
    kw: kw ?? ref.node.name,
    kw2: kw2 ?? ref.node.name,
    nameEn,
  };
  const description = rng.chance(0.12) ? fill(rng.pick(ENTERPRISE_EN), vars) : fill(rng.pick(ENTERPRISE_ZH), vars);
  const liaison = personName(rng);
  const seed: EnterpriseSeed = {
    externalId: p.externalId,
    name,
    nameEn,
    creditCode: fictionalUscc(rng, district, p.serial),
    city: '佛山',
    district: district.name,
    description,
    nodeIds: p.nodeIds,
    leading: p.leading,
    employees: p.leading ? rng.int(30, 300) * 100 : rng.int(3, 200) * 10,
    ...(rng.chance(0.5) ? { website: `https://${lower(b.en)}-${pad(p.serial, 3)}.example.com` } : {}),
    liaison: {
      name: liaison.zh,
      ...(p.withPhone === false ? {} : { phone: fictionalPhone((p.phoneBase ?? 5000) + p.serial) }),
      email: `liaison.${pad(p.serial, 4)}@${p.mailDomain ?? 'example.com'}`,
    },
  };
  return { seed, shortZh, shortEn, district };
}

// ---------------------------------------------------------------- needs

const ROLE_ZH = ['工程师', '高级工程师', '技术负责人', '研发经理', '工艺工程师', '项目负责人', '首席专家', '技术顾问'];
const ROLE_EN = ['engineer', 'senior engineer', 'technical lead', 'R&D manager', 'process engineer', 'consultant'];
const OPENER = ['近期', '最近半年，', '今年以来', '去年下半年开始', '', '', '我们发现', '目前'];
const TARGET = [
  '关键指标达到国际同类产品水平',
  '问题发生率明显下降并稳定量产',
  '形成可复制的工艺规范',
  '完成小批量验证并通过客户认证',
  '实现国产化替代并降低成本',
];
const TRIED = ['更换供应商', '调整工艺参数', '请设备厂家现场排查', '增加人工全检', '内部成立专项小组', '参考同行做法改设计'];

const NEED_TITLE: Record<'talent' | 'challenge' | 'collaboration', Record<Lang, readonly string[]>> = {
  talent: {
    zh: [
      '招聘{T}方向{role}',
      '急需懂{kw}的{role}',
      '{prod}项目诚聘{role}',
      '寻找能解决{Pc}问题的技术负责人',
      '{kw}/{kw2}{role}（{dist}）',
      '柔性引进：{T}专家',
    ],
    mixed: ['招{roleEn}：{Ten}', '{kwEn}工程师，base {dist}', 'Senior {kwEn} 专家（兼职可）'],
    en: ['Hiring: {RoleEn} for {Ten}', 'Looking for a {roleEn} who can fix our {nodeEn} issues', '{KwEn} specialist wanted in Foshan'],
  },
  challenge: {
    zh: ['揭榜挂帅：{gap}', '{gap}技术攻关', '关于{T}的技术难题征集', '{Pc}——求解决方案', '{prod}{gap}揭榜项目'],
    mixed: ['揭榜｜{Ten}', '{gap}（{kwEn}）攻关'],
    en: ['Open challenge: {Ten}', 'Challenge: {Pen}'],
  },
  collaboration: {
    zh: ['寻求共建{T}联合实验室', '{T}产学研合作', '{prod}{T}合作开发', '委托开发：{T}', '联合申报：{T}项目', '寻找{equip}测试合作方'],
    mixed: ['产学研合作｜{Ten}', '{kwEn}联合开发'],
    en: ['R&D partner wanted: {Ten}', 'Joint project on {Ten}'],
  },
};

const NEED_DESC: Record<'talent' | 'challenge' | 'collaboration', Record<Lang, readonly string[]>> = {
  talent: {
    zh: [
      '{open}{P}。我们想找一位在{T}方面有经验的{role}，能常驻{dist}，待遇面议。',
      '{short}主营{prod}，{open}{P}，内部团队排查了几个月没有结论。希望引进熟悉{kw}、{kw2}的{role}，{years}年以上经验优先。',
      '岗位职责：负责{T}相关工作，牵头解决{Pc}等问题。任职要求：{disc}相关专业，熟悉{kw}。',
      '【背景】{P}。【需求】{role}一名，方向为{T}。【待遇】年薪{min}-{max}万元，可兼职或项目制合作。',
      '随着{prod}订单增长，{Pc}的问题越来越突出。诚邀{T}领域的专家加入或以顾问形式合作。',
      '我们是{dist}的一家{prod}企业。{P}——如果你做过{T}，欢迎联系我们的联络员。',
      '需要一名能独立负责{T}的{role}。现状：{P}。期望候选人掌握{kw}，有{prod}行业经验更好。',
      '客户已经就“{Pc}”提出整改要求。寻求{role}（全职或柔性引进），重点是{T}，{kw2}经验加分。',
      '{short}现招{role}，方向{T}。坦白说，我们最头疼的是：{P}。',
    ],
    mixed: [
      '{open}{P}。Need someone with {kwEn} experience，熟悉{kw}，能做{Ten}。',
      'JD：{role}｜方向：{Ten}｜要求：熟悉{kwEn}、{kw}，能处理“{Pc}”这类问题。',
      '{P}，root cause 还没找到。希望找到做过 {Ten} 的 {roleEn}，base 佛山{dist}，可部分 remote。',
    ],
    en: [
      'We are a {nodeEn} maker in {distEn}, Foshan. Lately {pen}. We need a {roleEn} with hands-on experience in {Ten}.',
      'Problem: {Pen}. Wanted: a {roleEn} who has done {Ten} before; {kwEn} a plus. Full-time or consulting.',
      '{Pen}, and our in-house team has run out of ideas. Looking for a specialist in {Ten} to join us in Foshan.',
    ],
  },
  challenge: {
    zh: [
      '【榜单】{gap}。【现状】{P}。【目标】{target}。【揭榜方式】高校、科研院所或联合体均可揭榜，经费{min}-{max}万元。',
      '{short}作为{chain}链上企业，长期受{Pc}困扰。现面向社会公开征集{T}解决方案，要求在{months}个月内完成样机验证。',
      '问题描述：{P}。已尝试：{tried}，效果有限。期望揭榜团队提出可量产的{T}方案，并协助导入产线。',
      '{open}{P}。这是制约我们{prod}升级的关键难题，欢迎具备{equip}等条件的团队揭榜，目标是{target}。',
      '技术需求：{T}。应用场景：{prod}。痛点：{P}。经费{min}-{max}万元，成果归属可协商。',
    ],
    mixed: [
      '揭榜需求｜{Ten}：{P}。要求提供 root-cause analysis 和 DOE 验证方案，可联合申报。',
      '{gap}。当前 {kwEn} 相关指标不达标，{P}。欢迎 team 或联合体揭榜，{months}个月交付。',
    ],
    en: [
      'Challenge: {Pen}. We invite universities, institutes and consortia to propose a solution in {Ten}; a budget of {min}–{max} (10k CNY) is available and a prototype is due within {months} months.',
      'Our {nodeEn} line has a chokepoint: {pen}. We are looking for a team with {kwEn} know-how to deliver {Ten} that can go into volume production.',
    ],
  },
  collaboration: {
    zh: [
      '我司计划与高校或科研院所共建{T}联合实验室，围绕{Pc}等问题开展长期合作，可提供场地和中试线。',
      '寻找具备{equip}的检测或研发机构，合作开展{T}，预计合作期{months}个月。',
      '希望委托第三方完成{T}研究，输出报告和工艺文件。背景：{P}。',
      '拟联合申报省市科技项目，方向为{T}，诚邀在{kw}方面有积累的团队共同申报。',
      '{short}有{prod}量产线和应用数据，想找懂{T}的老师一起做课题，{open}{P}。',
      '{open}{P}。我们不打算自己组建团队，更希望以产学研合作方式推进{T}。',
    ],
    mixed: [
      '寻找 R&D partner 合作 {Ten}，我们可以提供{prod}样品、产线和测试数据。',
      '{P}。考虑和高校做 joint project，方向 {Ten}，预算{min}-{max}万元。',
    ],
    en: [
      'We would like to set up a joint lab on {Ten} with a university or institute, and can offer a pilot line and field data from our {nodeEn} products.',
      'Looking for a partner with {equipEn} to run a {months}-month study on {Ten}.',
    ],
  },
};

export interface NeedParams {
  externalId: string;
  enterpriseExternalId: string;
  shortZh: string;
  district: District;
  nodeId: string;
  kind: 'talent' | 'challenge' | 'collaboration';
}

export function composeNeed(rng: Rng, cat: Catalog, p: NeedParams): NeedSeed {
  const ref = cat.ref(p.nodeId);
  const t = ref.text;
  const lang = pickLang(rng);
  const gaps = ref.node.gaps ?? [];
  const preferred = gaps.filter((g) =>
    p.kind === 'challenge' ? g.kind === 'technology' : p.kind === 'talent' ? g.kind === 'talent' : g.kind !== 'talent',
  );
  const gap = preferred.length > 0 && rng.chance(p.kind === 'challenge' ? 0.9 : 0.5) ? rng.pick(preferred) : undefined;
  const [kw, kw2] = rng.sample(ref.tagsZh, 2);
  const [kwEn] = rng.sample(ref.tagsEn, 1);
  const problem = rng.pick(t.problems);
  const pen = rng.pick(t.problemsEn);
  const budget =
    p.kind === 'talent'
      ? { min: rng.int(2, 8) * 5, span: rng.int(1, 6) * 5 }
      : p.kind === 'challenge'
        ? { min: rng.pick([100, 200, 300, 500]), span: rng.pick([100, 200, 300, 500]) }
        : { min: rng.int(2, 20) * 5, span: rng.int(2, 20) * 5 };
  const vars: Vars = {
    open: rng.pick(OPENER),
    P: problem,
    Pc: clause(problem),
    Pen: cap(pen),
    pen,
    T: gap !== undefined && rng.chance(0.4) ? gap.title : rng.pick(t.tech),
    Ten: rng.pick(t.techEn),
    prod: rng.pick(t.products),
    short: p.shortZh,
    dist: p.district.name,
    distEn: p.district.nameEn,
    role: rng.pick(ROLE_ZH),
    roleEn: rng.pick(ROLE_EN),
    RoleEn: cap(rng.pick(ROLE_EN)),
    kw: kw ?? ref.node.name,
    kw2: kw2 ?? ref.node.name,
    kwEn: kwEn ?? ref.node.nameEn,
    KwEn: cap(kwEn ?? ref.node.nameEn),
    years: rng.int(3, 10),
    disc: rng.pick(t.disciplines),
    min: budget.min,
    max: budget.min + budget.span,
    months: rng.pick([6, 9, 12, 18, 24]),
    gap: gap?.title ?? rng.pick(t.tech),
    equip: rng.pick(t.equipment),
    equipEn: 'the right test equipment',
    target: rng.pick(TARGET),
    tried: rng.sample(TRIED, 2).join('、'),
    chain: CHAIN_SHORT[ref.chain.code]?.zh ?? ref.chain.name,
    nodeEn: lower(ref.node.nameEn),
  };
  const title = fill(rng.pick(NEED_TITLE[p.kind][lang]), vars);
  const description = fill(rng.pick(NEED_DESC[p.kind][lang]), vars);
  const skills =
    lang === 'en' ? rng.sample(ref.tagsEn, rng.int(3, 6)) : [...rng.sample(ref.tagsZh, rng.int(2, 4)), ...rng.sample(ref.tagsEn, rng.int(1, 2))];
  const noteZh = p.kind === 'talent' ? '年薪，可面议' : p.kind === 'challenge' ? '揭榜挂帅项目经费，分阶段拨付' : '合作研发经费';
  const noteEn =
    p.kind === 'talent' ? 'annual package, negotiable' : p.kind === 'challenge' ? 'challenge funding, paid by milestone' : 'joint R&D budget';
  return {
    externalId: p.externalId,
    enterpriseExternalId: p.enterpriseExternalId,
    nodeId: p.nodeId,
    ...(gap !== undefined ? { gapId: gap.id } : {}),
    kind: p.kind,
    title: title.slice(0, 80),
    description,
    skills: [...new Set(skills)],
    city: '佛山',
    budget: { minWan: vars.min as number, maxWan: vars.max as number, note: lang === 'en' ? noteEn : noteZh },
    deadline: isoDate(rng, new Date('2026-03-01T00:00:00Z'), new Date('2027-12-31T00:00:00Z')),
    status: rng.weighted([
      ['open', 75],
      ['matched', 15],
      ['closed', 10],
    ] as const),
    public: rng.chance(0.92),
  };
}

// ---------------------------------------------------------------- institutes

export type InstituteKind = InstituteSeed['kind'];

const INSTITUTE_NAME: Record<InstituteKind, readonly (readonly [string, string])[]> = {
  university: [
    ['{b}理工大学{disc}学院', 'School of {discEn}, {B} University of Technology'],
    ['{b}科技大学佛山研究生院', '{B} University of Science and Technology, Foshan Graduate School'],
  ],
  research_institute: [
    ['广东{b}{chain}研究所', 'Guangdong {B} Institute of {ChainEn}'],
    ['{b}{disc}研究所', '{B} Institute of {discEn}'],
  ],
  lab: [
    ['{b}大学{node}联合实验室', '{B} University Joint Laboratory of {nodeEnT}'],
    ['{chain}{node}重点实验室（{b}大学）', 'Key Laboratory of {nodeEnT}, {B} University'],
  ],
  new_rd_institution: [
    ['佛山{b}{chain}产业技术研究院', 'Foshan {B} Industrial Technology Research Institute of {ChainEn}'],
    ['佛山{b}先进制造研究院', 'Foshan {B} Institute of Advanced Manufacturing'],
    ['{b}创新研究院（佛山）', '{B} Innovation Institute (Foshan)'],
  ],
  engineering_center: [['佛山市{node}工程技术研究中心（{b}）', 'Foshan Engineering Research Center of {nodeEnT} ({B})']],
  testing_center: [
    ['佛山{b}{chain}检测中心', 'Foshan {B} {ChainEn} Testing Center'],
    ['广东{b}质量检测研究院', 'Guangdong {B} Institute of Quality Inspection'],
  ],
};

const INSTITUTE_DESC_ZH = [
  '{name}面向{chain}产业链，重点开展{T}和{T2}研究，配备{equip}、{equip2}等设备，可为企业提供中试验证和技术服务。',
  '依托{disc}学科，团队长期从事{T}，与佛山多家{prod}企业建立了联合攻关关系。',
  '本机构是{kindZh}，服务{node}环节，能力包括{T}；近年来承接企业委托项目，关注{Pc}等共性问题。',
  '主要方向：{T}；{T2}。对外开放{equip}，可按需出具检测报告。',
  '聚焦{chain}“卡脖子”环节，围绕{node}开展应用基础研究和工程化，欢迎企业以揭榜挂帅或委托开发方式合作。',
  '{kindZh}，现有研究人员以{disc}专业为主，擅长{kw}、{kw2}，可联合企业申报省市科技项目。',
  '我们做{T}，也做{T2}。企业遇到“{Pc}”之类的问题，可以带样品来实验室一起分析。',
  '建有{equip}和{equip2}，面向{dist}及周边{prod}企业提供测试、失效分析和人才培训服务。',
];
const INSTITUTE_DESC_MIXED = [
  '{name}聚焦{Ten}，拥有{equip}等平台，可做 DOE、失效分析和 pilot run。',
  '研究方向包括 {Ten} 与{T}，团队熟悉{kwEn}，提供 contract research 服务。',
];
const INSTITUTE_DESC_EN = [
  'A {kindEn} working on {Ten} and {Ten2} for the {chainEn} chain, with shared equipment open to local manufacturers.',
  'Our team in {discEn} helps {nodeEn} makers with {Ten}; we take on contract research and joint challenge projects.',
];
const KIND_LABEL: Record<InstituteKind, { zh: string; en: string }> = {
  university: { zh: '高校学院', en: 'university school' },
  research_institute: { zh: '科研院所', en: 'research institute' },
  lab: { zh: '重点实验室', en: 'laboratory' },
  new_rd_institution: { zh: '新型研发机构', en: 'new-type R&D institution' },
  engineering_center: { zh: '工程技术研究中心', en: 'engineering research centre' },
  testing_center: { zh: '检验检测机构', en: 'testing centre' },
};
const PLATFORMS = [
  '佛山市新型研发机构',
  '广东省工程技术研究中心',
  '博士后科研工作站',
  'CNAS认可实验室',
  '{chain}产业链公共技术服务平台',
  '产学研联合实验室',
  '中试基地',
  '揭榜挂帅项目承担单位',
  '佛山分中心',
];

export interface InstituteParams {
  externalId: string;
  serial: number;
  kind: InstituteKind;
  nodeIds: string[];
  phoneBase?: number;
  withPhone?: boolean;
  mailDomain?: string;
}

export function composeInstitute(rng: Rng, cat: Catalog, p: InstituteParams): InstituteSeed {
  const primary = p.nodeIds[0];
  if (primary === undefined) throw new Error('an institute needs at least one node');
  const refs: NodeRef[] = p.nodeIds.map((id) => cat.ref(id));
  const ref = refs[0] as NodeRef;
  const t = ref.text;
  const b = brand(rng);
  const city = p.kind === 'new_rd_institution' || p.kind === 'engineering_center' ? '佛山' : rng.weighted(INSTITUTE_CITIES);
  const chain = CHAIN_SHORT[ref.chain.code] ?? { zh: ref.chain.name, en: ref.chain.nameEn };
  const [nameTpl, nameEnTpl] = rng.pick(INSTITUTE_NAME[p.kind]);
  const disc = rng.pick(t.disciplines);
  const discEn = rng.pick(t.disciplinesEn);
  const nameVars: Vars = {
    b: b.zh,
    B: b.en,
    disc,
    discEn,
    chain: chain.zh,
    ChainEn: chain.en.replace(/\b\w/g, (c) => c.toUpperCase()),
    node: ref.node.name,
    nodeEnT: ref.node.nameEn,
  };
  const name = fill(nameTpl, nameVars);
  const nameEn = fill(nameEnTpl, nameVars);
  const allTech = refs.flatMap((r) => r.text.tech);
  const allTechEn = refs.flatMap((r) => r.text.techEn);
  const allEquip = [...new Set(refs.flatMap((r) => r.text.equipment))];
  const [T, T2] = rng.sample(allTech, 2);
  const [Ten, Ten2] = rng.sample(allTechEn, 2);
  const [equip, equip2] = rng.sample(allEquip, 2);
  const [kw, kw2] = rng.sample(ref.tagsZh, 2);
  const vars: Vars = {
    name,
    chain: chain.zh,
    chainEn: chain.en,
    T: T ?? '',
    T2: T2 ?? T ?? '',
    Ten: Ten ?? '',
    Ten2: Ten2 ?? Ten ?? '',
    equip: equip ?? '',
    equip2: equip2 ?? equip ?? '',
    disc,
    discEn: lower(discEn),
    prod: rng.pick(t.products),
    node: ref.node.name,
    nodeEn: lower(ref.node.nameEn),
    kindZh: KIND_LABEL[p.kind].zh,
    kindEn: KIND_LABEL[p.kind].en,
    Pc: clause(rng.pick(t.problems)),
    kw: kw ?? ref.node.name,
    kw2: kw2 ?? ref.node.name,
    kwEn: rng.pick(ref.tagsEn),
    dist: city === '佛山' ? rng.pick(['禅城', '南海', '顺德', '三水', '高明']) : city,
  };
  const lang = pickLang(rng);
  const description =
    lang === 'en'
      ? fill(rng.pick(INSTITUTE_DESC_EN), vars)
      : lang === 'mixed'
        ? fill(rng.pick(INSTITUTE_DESC_MIXED), vars)
        : fill(rng.pick(INSTITUTE_DESC_ZH), vars);
  const capabilities = [...rng.sample(allTech, rng.int(2, 5)), ...rng.sample(allTechEn, rng.int(0, 2))];
  const contact = personName(rng);
  return {
    externalId: p.externalId,
    name,
    nameEn,
    kind: p.kind,
    city,
    description,
    capabilities,
    equipment: rng.sample(allEquip, rng.int(2, 5)),
    disciplines: [...new Set(refs.flatMap((r) => r.text.disciplines))].slice(0, 6),
    platforms: rng.sample(PLATFORMS, rng.int(1, 3)).map((pl) => fill(pl, { chain: chain.zh })),
    nodeIds: p.nodeIds,
    contact: {
      name: contact.zh,
      ...(p.withPhone === false ? {} : { phone: fictionalPhone((p.phoneBase ?? 8000) + p.serial) }),
      email: `contact.${pad(p.serial, 4)}@${p.mailDomain ?? 'example.com'}`,
    },
  };
}
