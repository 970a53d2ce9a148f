import { pinyin } from 'pinyin-pro';

/**
 * Separates the pinyin part of a sort key from the original label. A space sorts below every
 * letter and digit, so a label whose pinyin is a prefix of another's ("bei" vs "beijing") sorts
 * first, and equal pinyin (同音字) falls back to the original string.
 */
const SEPARATOR = ' ';

/**
 * zh-CN sort key for a label: toneless pinyin, lower-cased, letters and digits only, then the
 * original string as a tie-breaker. Both store adapters compare these keys byte-wise, so
 * 北京 < 佛山 < 广州 < 深圳 holds in SQLite and MongoDB alike, and "BMS电池" sorts under "b".
 *
 * Digits are kept (beyond the letters) so that model names such as "3D打印" stay apart from
 * "D打印"; ü is written as v (绿 → lv) so it is not lost when non-ASCII is dropped.
 */
export function labelSortKey(label: unknown): string {
  if (label === undefined || label === null) return '';
  const original = typeof label === 'string' ? label : String(label);
  // NFKC turns full-width Latin (ＰＬＣ) into ASCII before pinyin conversion.
  const normalised = original.normalize('NFKC');
  const spelled = pinyin(normalised, {
    toneType: 'none',
    separator: '',
    nonZh: 'consecutive',
    v: true,
  });
  const folded = spelled
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  return `${folded}${SEPARATOR}${original}`;
}

/** Reads a dotted path ("owner.id") from a plain document; undefined when any step is missing. */
export function readPath(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}
