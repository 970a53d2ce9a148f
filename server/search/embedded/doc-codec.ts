import type { SearchDoc, SearchType } from '../port.js';

/** The record kept beside the index (for filters, facets, highlights and stats), minus its vector. */
export type StoredDoc = Omit<SearchDoc, 'vector'>;

/**
 * Stored docs as a snapshot holds them: every string of every doc concatenated into one UTF-16
 * text plus a table of lengths, so loading is one decode and one slice per string (V8 slices
 * share the parent's characters) instead of a JSON parse of 100k objects, which took ~650 ms.
 */
export interface EncodedDocs {
  /** UTF-16LE: CJK text is 2 bytes a character instead of UTF-8's 3, and decodes as a copy. */
  text: Buffer;
  /** Length of each string, in UTF-16 units, in stream order. */
  lengths: Uint32Array;
  /** Per doc: the sizes of chainIds, nodeIds, purposes, skillIds. */
  arrays: Uint32Array;
  sourceVersions: Float64Array;
  /** Per doc: 1 when public. */
  flags: Uint8Array;
}

const ARRAYS = 4;

export function encodeDocs(docs: readonly StoredDoc[]): EncodedDocs {
  const parts: string[] = [];
  const lengths: number[] = [];
  const arrays = new Uint32Array(docs.length * ARRAYS);
  const sourceVersions = new Float64Array(docs.length);
  const flags = new Uint8Array(docs.length);
  const put = (s: string): void => {
    parts.push(s);
    lengths.push(s.length);
  };
  docs.forEach((d, i) => {
    put(d.id);
    put(d.type);
    put(d.title);
    put(d.subtitle);
    put(d.body);
    put(d.city);
    put(d.kind);
    put(d.status);
    put(d.availability);
    put(d.ownerId);
    put(d.modelVersion);
    put(d.updatedAt);
    [d.chainIds, d.nodeIds, d.purposes, d.skillIds].forEach((list, k) => {
      arrays[i * ARRAYS + k] = list.length;
      for (const s of list) put(s);
    });
    sourceVersions[i] = d.sourceVersion;
    flags[i] = d.public ? 1 : 0;
  });
  return { text: Buffer.from(parts.join(''), 'utf16le'), lengths: Uint32Array.from(lengths), arrays, sourceVersions, flags };
}

/** Inverse of `encodeDocs`; throws RangeError when the tables do not add up. */
export function decodeDocs(enc: EncodedDocs, count: number): StoredDoc[] {
  const { lengths, arrays, sourceVersions, flags } = enc;
  if (arrays.length !== count * ARRAYS || sourceVersions.length !== count || flags.length !== count)
    throw new RangeError('doc tables do not match the doc count');
  if (enc.text.length % 2 !== 0) throw new RangeError('doc text has an odd byte count');
  const text = enc.text.toString('utf16le');
  let at = 0;
  let li = 0;
  const next = (): string => {
    const len = lengths[li++];
    if (len === undefined || at + len > text.length) throw new RangeError('doc strings run past the text');
    const s = text.slice(at, at + len);
    at += len;
    return s;
  };
  const list = (n: number): string[] => {
    const out = new Array<string>(n);
    for (let k = 0; k < n; k++) out[k] = next();
    return out;
  };
  const docs = new Array<StoredDoc>(count);
  for (let i = 0; i < count; i++) {
    const id = next();
    const type = next() as SearchType;
    const title = next();
    const subtitle = next();
    const body = next();
    const city = next();
    const kind = next();
    const status = next();
    const availability = next();
    const ownerId = next();
    const modelVersion = next();
    const updatedAt = next();
    const b = i * ARRAYS;
    // One literal, so every loaded doc shares one hidden class.
    docs[i] = {
      id,
      type,
      title,
      subtitle,
      body,
      chainIds: list(arrays[b] as number),
      nodeIds: list(arrays[b + 1] as number),
      city,
      kind,
      status,
      availability,
      ownerId,
      purposes: list(arrays[b + 2] as number),
      skillIds: list(arrays[b + 3] as number),
      public: flags[i] === 1,
      modelVersion,
      sourceVersion: sourceVersions[i] as number,
      updatedAt,
    };
  }
  if (li !== lengths.length || at !== text.length) throw new RangeError('doc strings are left over');
  return docs;
}
