import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * Chinese + English tokenisation shared by the search engine, the encoder and the ranker.
 * Chinese runs are segmented by jieba (with the domain lexicon's words added, since a general
 * dictionary splits 热管理 or 机器视觉); Latin runs are lower-cased words with a light plural
 * stripper, so "Batteries" and "battery" meet.
 */
export interface Tokenizer {
  /** Search-mode tokens: words plus their shorter in-dictionary parts (陶瓷基板 → 陶瓷, 基板, 陶瓷基板). */
  tokens(text: string): string[];
  /** Precise-mode words, without stop words and punctuation. */
  words(text: string): string[];
}

const ZH_STOP = new Set(
  '的 了 和 与 及 或 等 在 是 为 对 有 把 被 让 给 从 向 以 于 其 该 此 这 那 个 也 都 就 并 而 且 但 如 若 需要 需 要 希望 能够 能 可 可以 进行 相关 方面 问题 一个 一些 我们 我司 公司 企业 目前 现在 主要 具有 具备 负责 通过 提供 实现 开展 以及 还 很 较 更 最 没有 不 会 将 已 已经 由 用 使用 针对 关于 之 中 上 下 内 外'.split(
    ' ',
  ),
);
const EN_STOP = new Set(
  'a an the and or of for to in on at by with from as is are be been was were this that these those it its we our you your they their has have had can could will would should may might must not no do does did into over under than then so such via per about using use used need needs looking seek'.split(
    ' ',
  ),
);

const HAN = /\p{Script=Han}/u;
const WORDLIKE = /[\p{Script=Han}\p{L}\p{N}]/u;

/** Full-width to half-width, compatibility forms folded, Latin lower-cased. */
export function normalizeText(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

export function stemEn(w: string): string {
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(w)) return w;
  if (/(ches|shes|xes|sses)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

export const isHan = (t: string): boolean => HAN.test(t);

export function createTokenizer(options: { extraWords?: Iterable<string> } = {}): Tokenizer {
  const jieba = Jieba.withDict(dict);
  const extra: string[] = [];
  for (const w of options.extraWords ?? []) {
    const word = normalizeText(w).trim();
    if (word.length >= 2 && HAN.test(word) && !/\s/.test(word)) extra.push(`${word} 20000 n`);
  }
  if (extra.length > 0) jieba.loadDict(Buffer.from(extra.join('\n'), 'utf8'));

  const clean = (raw: string[]): string[] => {
    const out: string[] = [];
    for (const r of raw) {
      const t = r.trim();
      if (!t || !WORDLIKE.test(t)) continue;
      if (HAN.test(t)) {
        if (!ZH_STOP.has(t)) out.push(t);
        continue;
      }
      // Latin/digit runs may still hold separators jieba kept together (e.g. "c++", "5g-nr").
      for (const part of t.split(/[^\p{L}\p{N}+#]+/u)) {
        if (!part || EN_STOP.has(part)) continue;
        out.push(stemEn(part));
      }
    }
    return out;
  };

  return {
    tokens: (text) => clean(jieba.cutForSearch(normalizeText(text), true)),
    words: (text) => clean(jieba.cut(normalizeText(text), true)),
  };
}
