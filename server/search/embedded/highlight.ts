import { isHan, stemEn } from '../../../matching/text/tokenize.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text so that only our own <mark> tags survive into the UI. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Normalises like the tokenizer (NFKC, lower case) but keeps, for every normalised UTF-16 unit,
 * the index of the original character it came from, so matches found in normalised text can be
 * marked in the original (full-width Ｂｍｓ still highlights as written).
 */
function normaliseWithMap(text: string): { norm: string; map: number[] } {
  let norm = '';
  const map: number[] = [];
  let i = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < n.length; k++) map.push(i);
    norm += n;
    i += ch.length;
  }
  map.push(i);
  return { norm, map };
}

type Span = [start: number, end: number];

/** Spans (in original indices) of the doc terms: Han terms by substring, Latin terms by whole stemmed word. */
export function findSpans(text: string, terms: readonly string[]): Span[] {
  if (terms.length === 0 || text.length === 0) return [];
  const { norm, map } = normaliseWithMap(text);
  const spans: Span[] = [];
  const latin = new Set<string>();
  for (const t of terms) {
    if (!t) continue;
    if (isHan(t)) {
      for (let at = norm.indexOf(t); at !== -1; at = norm.indexOf(t, at + 1)) spans.push([at, at + t.length]);
    } else {
      latin.add(t);
    }
  }
  if (latin.size > 0) {
    // The same word shapes as the tokenizer's Latin split, so a stemmed term finds its surface form.
    // Han characters are letters too; jieba splits 负责bms开发 at the script change, so do we.
    for (const m of norm.matchAll(/(?:(?!\p{Script=Han})[\p{L}\p{N}+#])+/gu)) {
      const w = m[0];
      if (latin.has(w) || latin.has(stemEn(w))) spans.push([m.index, m.index + w.length]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged.map(([a, b]) => [map[a] ?? text.length, map[b] ?? text.length]);
}

/**
 * Text with matched terms in <mark>, everything else escaped. With `window`, long text is cut to
 * about that many characters around the first match, with ellipses where it was cut.
 */
export function highlight(text: string, terms: readonly string[], window?: number): string {
  const spans = findSpans(text, terms);
  let from = 0;
  let to = text.length;
  if (window !== undefined && text.length > window) {
    const first = spans[0];
    const centre = first ? first[0] : 0;
    from = Math.max(0, centre - Math.floor(window / 3));
    to = Math.min(text.length, from + window);
    from = Math.max(0, to - window);
  }
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const [a, b] of spans) {
    if (b <= from || a >= to) continue;
    const s = Math.max(a, from);
    const e = Math.min(b, to);
    out += escapeHtml(text.slice(at, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    at = e;
  }
  out += escapeHtml(text.slice(at, to));
  if (to < text.length) out += '…';
  return out;
}
