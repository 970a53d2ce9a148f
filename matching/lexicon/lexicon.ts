import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LexiconEntry } from './types.js';

/**
 * Loader and matcher for the bilingual domain lexicon (matching/lexicon/data/*.json).
 *
 * Files are validated entry by entry so an error names the file and index; entries that share an
 * id (the two halves of the lexicon are written in parallel) are merged rather than rejected.
 * Concept detection runs over a trie of normalised surface forms, scanning normalised text that
 * keeps a map back to the original offsets, so callers can highlight what was found.
 */

export interface LexiconMention {
  id: string;
  /** The text as written in the input (original characters, not normalised). */
  surface: string;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
}

export interface Lexicon {
  readonly entries: readonly LexiconEntry[];
  /** Merge notes and ambiguous surface forms; empty for a clean lexicon. */
  readonly warnings: readonly string[];
  byId(id: string): LexiconEntry | undefined;
  /** zh, en, abbreviations and synonyms of a concept, de-duplicated; [] for an unknown id. */
  surfaceForms(id: string): string[];
  /** Every Chinese surface form (≥ 2 characters, no spaces), for the tokenizer's user dictionary. */
  words(): string[];
  /** Concept mentions in free text: case-insensitive, NFKC-folded, longest first, non-overlapping. */
  detect(text: string): LexiconMention[];
  /** Free-text skills → canonical ids (exact surface first, then mentions inside the phrase). */
  normalizeSkills(skills: readonly string[]): { ids: string[]; unknown: string[] };
  /** The ids plus the ids they relate to, `depth` hops out (unknown ids are dropped). */
  expand(ids: readonly string[], depth?: number): string[];
  /** Chain node id → how many of the given concept ids (counted with repeats) belong there. */
  nodesOf(ids: readonly string[]): Map<string, number>;
}

export interface LexiconSource {
  file: string;
  index: number;
  entry: LexiconEntry;
}

export interface LexiconReadResult {
  files: string[];
  sources: LexiconSource[];
  /** Schema and JSON errors, each naming file and index. */
  errors: string[];
}

export class LexiconLoadError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`lexicon has ${errors.length} error(s):\n${errors.slice(0, 20).join('\n')}`);
    this.name = 'LexiconLoadError';
  }
}

/** Reads and validates every *.json file of `dir` without throwing, so the check CLI can list all errors. */
export function readLexiconDir(dir: string): LexiconReadResult {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.json'))
    .map((d) => d.name)
    .sort();
  const sources: LexiconSource[] = [];
  const errors: string[] = [];
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (err) {
      errors.push(`${file}: invalid JSON: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    if (!Array.isArray(raw)) {
      errors.push(`${file}: expected a JSON array of entries`);
      continue;
    }
    raw.forEach((item: unknown, index) => {
      const parsed = LexiconEntry.safeParse(item);
      if (parsed.success) {
        sources.push({ file, index, entry: parsed.data });
        return;
      }
      const id = typeof item === 'object' && item !== null && 'id' in item ? String((item as { id: unknown }).id) : '?';
      for (const issue of parsed.error.issues) {
        errors.push(`${file}[${index}] (${id}) ${issue.path.join('.') || '<entry>'}: ${issue.message}`);
      }
    });
  }
  return { files, sources, errors };
}

/** Reads, validates and builds; throws LexiconLoadError listing every schema error. */
export function loadLexicon(dir: string): Lexicon {
  const read = readLexiconDir(dir);
  if (read.errors.length > 0) throw new LexiconLoadError(read.errors);
  return buildLexicon(read.sources);
}

const uniq = (xs: Iterable<string>): string[] => [...new Set(xs)];

/** Merges duplicate ids: first definition wins zh/en/def/kind, lists are unioned, other names become synonyms. */
export function mergeEntries(sources: readonly LexiconSource[]): { entries: LexiconEntry[]; warnings: string[] } {
  const byId = new Map<string, { entry: LexiconEntry; where: string }>();
  const warnings: string[] = [];
  for (const { file, index, entry } of sources) {
    const where = `${file}[${index}]`;
    const prev = byId.get(entry.id);
    if (!prev) {
      byId.set(entry.id, {
        entry: { ...entry, abbr: uniq(entry.abbr), synonyms: uniq(entry.synonyms), nodes: uniq(entry.nodes), related: uniq(entry.related) },
        where,
      });
      continue;
    }
    const a = prev.entry;
    warnings.push(`duplicate id "${entry.id}" in ${prev.where} and ${where}: merged`);
    if (a.kind !== entry.kind) warnings.push(`duplicate id "${entry.id}": kind ${a.kind} (kept) vs ${entry.kind} at ${where}`);
    const names = [entry.zh, entry.en].filter((n) => n !== a.zh && n !== a.en);
    prev.entry = {
      ...a,
      abbr: uniq([...a.abbr, ...entry.abbr]),
      synonyms: uniq([...a.synonyms, ...names, ...entry.synonyms]),
      nodes: uniq([...a.nodes, ...entry.nodes]),
      related: uniq([...a.related, ...entry.related]).filter((r) => r !== a.id),
      defEn: a.defEn ?? entry.defEn,
    };
  }
  return { entries: [...byId.values()].map((v) => v.entry), warnings };
}

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}]/u;
/** Separators folded to one space, so "Li-ion", "li ion" and "Li_ion" meet. */
const SEP = /[\s\-_\u2010-\u2015\u2212]/u;

interface Normalized {
  text: string;
  /** For each UTF-16 unit of `text`: start and end offset of the source code point in the original. */
  from: number[];
  to: number[];
}

/**
 * NFKC + lower case, applied per code point so every output unit maps back to the original.
 * Separator runs become one space; a space next to a Han character is dropped, because mixed
 * text is written both "PLC编程" and "PLC 编程".
 */
export function normalizeWithOffsets(s: string): Normalized {
  const out: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let pending: { from: number; to: number } | null = null;
  let prevHan = true; // start of text behaves like a Han neighbour: no leading space
  let i = 0;
  for (const cp of s) {
    const start = i;
    i += cp.length;
    for (const ch of cp.normalize('NFKC').toLowerCase()) {
      if (SEP.test(ch)) {
        pending ??= { from: start, to: i };
        continue;
      }
      const han = HAN.test(ch);
      if (pending && !prevHan && !han) {
        out.push(' ');
        from.push(pending.from);
        to.push(pending.to);
      }
      pending = null;
      for (let k = 0; k < ch.length; k++) {
        out.push(ch[k] ?? '');
        from.push(start);
        to.push(i);
      }
      prevHan = han;
    }
  }
  return { text: out.join(''), from, to };
}

export const normalizeSurface = (s: string): string => normalizeWithOffsets(s).text;

/** Letters and digits outside Han script need word boundaries; Han text has none to respect. */
const isLatinWord = (ch: string | undefined): boolean => ch !== undefined && WORD.test(ch) && !HAN.test(ch);

interface TrieNode {
  next: Map<string, TrieNode>;
  /** Concept id ending here and whether the surface is a preferred name (zh/en/abbr) of it. */
  id?: string;
  primary?: boolean;
  /**
   * Abbreviations that differ only in case (SOC state of charge vs SoC system-on-chip) share a
   * node after lower-casing; the written case then decides.
   */
  cased?: Map<string, string>;
}

export function buildLexicon(sources: readonly LexiconSource[]): Lexicon {
  const { entries, warnings } = mergeEntries(sources);
  const index = new Map(entries.map((e) => [e.id, e]));
  const root: TrieNode = { next: new Map() };
  const exact = new Map<string, string>();

  const surfaces = (e: LexiconEntry): string[] => uniq([e.zh, e.en, ...e.abbr, ...e.synonyms].map((s) => s.trim()).filter(Boolean));

  for (const e of entries) {
    const primary = new Set([e.zh, e.en, ...e.abbr].map(normalizeSurface));
    for (const s of surfaces(e)) {
      const norm = normalizeSurface(s);
      // One Han character or one Latin letter is too ambiguous to count as a mention.
      if (Array.from(norm).length < 2) continue;
      const isPrimary = primary.has(norm);
      let node = root;
      for (const ch of norm) {
        let child = node.next.get(ch);
        if (!child) {
          child = { next: new Map() };
          node.next.set(ch, child);
        }
        node = child;
      }
      if (e.abbr.includes(s)) {
        node.cased ??= new Map();
        if (!node.cased.has(s.normalize('NFKC'))) node.cased.set(s.normalize('NFKC'), e.id);
      }
      if (node.id === undefined) {
        node.id = e.id;
        node.primary = isPrimary;
        exact.set(norm, e.id);
      } else if (node.id !== e.id) {
        // A preferred name beats a synonym; otherwise the first file/entry keeps the surface.
        const keep = node.primary || !isPrimary ? node.id : e.id;
        warnings.push(`surface "${s}" shared by ${node.id} and ${e.id}: detect uses ${keep}`);
        if (keep === e.id) {
          node.id = e.id;
          node.primary = true;
          exact.set(norm, e.id);
        }
      }
    }
  }

  const words = uniq(entries.flatMap((e) => surfaces(e).filter((s) => HAN.test(s) && !/\s/.test(s) && Array.from(s).length >= 2)));

  const detect = (text: string): LexiconMention[] => {
    const n = normalizeWithOffsets(text);
    const t = n.text;
    const chars = Array.from(t);
    // Offsets of each code point in `t`, so the trie walks code points but spans use units.
    const unitAt: number[] = [];
    let u = 0;
    for (const c of chars) {
      unitAt.push(u);
      u += c.length;
    }
    unitAt.push(u);
    const candidates: Array<{ id: string; s: number; e: number }> = [];
    for (let i = 0; i < chars.length; i++) {
      const first = chars[i];
      if (first === ' ') continue;
      if (isLatinWord(first) && isLatinWord(chars[i - 1])) continue;
      let node: TrieNode | undefined = root;
      for (let j = i; j < chars.length && node; j++) {
        node = node.next.get(chars[j] ?? '');
        if (!node?.id) continue;
        let end = j + 1;
        const last = chars[j];
        if (isLatinWord(last) && isLatinWord(chars[end])) {
          // Allow an English plural ("servo motors") but nothing else glued to a Latin surface.
          const rest = chars[end] === 's' ? 1 : chars[end] === 'e' && chars[end + 1] === 's' ? 2 : 0;
          if (rest === 0 || !/[a-z]/.test(last ?? '') || j - i < 2 || isLatinWord(chars[end + rest])) continue;
          end += rest;
        }
        let id = node.id;
        if (node.cased && node.cased.size > 1) {
          const written = text.slice(n.from[unitAt[i] ?? 0] ?? 0, n.to[(unitAt[j + 1] ?? 0) - 1] ?? 0).normalize('NFKC');
          id = node.cased.get(written) ?? id;
        }
        // Shorter matches stay candidates in case the longest one loses to an overlapping longer mention.
        candidates.push({ id, s: i, e: end });
      }
    }
    // Longest first, then leftmost; a taken position is never reused.
    candidates.sort((a, b) => b.e - b.s - (a.e - a.s) || a.s - b.s);
    const taken = new Uint8Array(chars.length);
    const chosen: typeof candidates = [];
    for (const c of candidates) {
      let free = true;
      for (let k = c.s; k < c.e && free; k++) if (taken[k]) free = false;
      if (!free) continue;
      taken.fill(1, c.s, c.e);
      chosen.push(c);
    }
    chosen.sort((a, b) => a.s - b.s);
    return chosen.map((c) => {
      const start = n.from[unitAt[c.s] ?? 0] ?? 0;
      const end = n.to[(unitAt[c.e] ?? 0) - 1] ?? start;
      return { id: c.id, surface: text.slice(start, end), start, end };
    });
  };

  const normalizeSkills = (skills: readonly string[]): { ids: string[]; unknown: string[] } => {
    const ids: string[] = [];
    const unknown: string[] = [];
    for (const skill of skills) {
      const norm = normalizeSurface(skill).trim();
      if (!norm) continue;
      const hit = exact.get(norm);
      if (hit) {
        ids.push(hit);
        continue;
      }
      const found = detect(skill);
      if (found.length === 0) unknown.push(skill.trim());
      else ids.push(...found.map((f) => f.id));
    }
    return { ids: uniq(ids), unknown: uniq(unknown) };
  };

  const expand = (ids: readonly string[], depth = 1): string[] => {
    const seen = new Set<string>();
    let frontier = ids.filter((id) => index.has(id));
    for (const id of frontier) seen.add(id);
    for (let d = 0; d < depth && frontier.length > 0; d++) {
      const next: string[] = [];
      for (const id of frontier) {
        for (const r of index.get(id)?.related ?? []) {
          if (!seen.has(r) && index.has(r)) {
            seen.add(r);
            next.push(r);
          }
        }
      }
      frontier = next;
    }
    return [...seen];
  };

  const nodesOf = (ids: readonly string[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const id of ids) for (const node of index.get(id)?.nodes ?? []) counts.set(node, (counts.get(node) ?? 0) + 1);
    return new Map([...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
  };

  return {
    entries,
    warnings,
    byId: (id) => index.get(id),
    surfaceForms: (id) => {
      const e = index.get(id);
      return e ? surfaces(e) : [];
    },
    words: () => [...words],
    detect,
    normalizeSkills,
    expand,
    nodesOf,
  };
}
