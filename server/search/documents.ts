import type { Enterprise, Institute, Need, Talent } from '../domain/schemas.js';
import type { BaseDoc } from '../store/port.js';
import type { SearchDoc, SearchType } from './port.js';

/** The encoder, as the server sees it (matching/encoder implements it). */
export interface TextEmbedder {
  readonly version: string;
  readonly dim: number;
  embed(texts: string[]): Float32Array[] | Promise<Float32Array[]>;
}

/** Finds lexicon concepts in text (matching/lexicon implements it). */
export interface ConceptTagger {
  detect(text: string): Array<{ id: string }>;
}

const chainsOf = (nodeIds: readonly string[]) => [...new Set(nodeIds.map((n) => n.split('.')[0] ?? n))].sort();

const join = (parts: Array<string | undefined | readonly string[]>, sep = ' ') =>
  parts
    .flat()
    .filter((p): p is string => typeof p === 'string' && p.trim().length > 0)
    .join(sep);

/** Searchable text of a record, split as the engines weigh it, and the text that is embedded. */
export function textOf(type: SearchType, doc: BaseDoc): { title: string; subtitle: string; body: string; embed: string } {
  switch (type) {
    case 'talents': {
      const t = doc as unknown as Talent;
      const subtitle = join([t.title, t.organisation, t.skills.join('、')]);
      const body = join([t.summary, t.fields.join('、'), t.achievements.join('；')]);
      // A person's name says nothing of their expertise, so it is searched but not embedded.
      return { title: t.name, subtitle, body, embed: join([subtitle, body]) };
    }
    case 'institutes': {
      const i = doc as unknown as Institute;
      const subtitle = join([i.nameEn, i.disciplines.join('、'), i.capabilities.join('、')]);
      const body = join([i.description, i.equipment.join('、'), i.platforms.join('、')]);
      return { title: i.name, subtitle, body, embed: join([i.name, subtitle, body]) };
    }
    case 'needs': {
      const n = doc as unknown as Need;
      const subtitle = n.skills.join('、');
      return { title: n.title, subtitle, body: n.description, embed: join([n.title, n.description, subtitle]) };
    }
    case 'enterprises': {
      const e = doc as unknown as Enterprise;
      return { title: e.name, subtitle: e.nameEn ?? '', body: e.description, embed: join([e.name, e.nameEn, e.description]) };
    }
  }
}

/** Filterable fields of a record, the same names for every type. */
export function fieldsOf(
  type: SearchType,
  doc: BaseDoc,
): Omit<SearchDoc, 'id' | 'type' | 'title' | 'subtitle' | 'body' | 'vector' | 'modelVersion' | 'skillIds' | 'sourceVersion' | 'updatedAt'> {
  const d = doc as unknown as Record<string, unknown>;
  const arr = (k: string) => (Array.isArray(d[k]) ? (d[k] as string[]) : []);
  const str = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
  switch (type) {
    case 'talents': {
      const t = doc as unknown as Talent;
      const nodeIds = t.nodeIds.length > 0 ? t.nodeIds : (t.inferredNodeIds ?? []);
      return {
        chainIds: chainsOf(nodeIds),
        nodeIds,
        city: t.city ?? '',
        kind: 'talent',
        status: '',
        availability: t.availability,
        ownerId: t.owner.id,
        public: false,
        purposes: t.consent.purposes,
      };
    }
    case 'needs': {
      const n = doc as unknown as Need;
      return {
        chainIds: [n.chainId],
        nodeIds: [n.nodeId],
        city: n.city,
        kind: n.kind,
        status: n.status,
        availability: '',
        ownerId: n.owner.id,
        public: n.public,
        purposes: [],
      };
    }
    default: {
      const nodeIds = arr('nodeIds').length > 0 ? arr('nodeIds') : arr('inferredNodeIds');
      return {
        chainIds: chainsOf(nodeIds),
        nodeIds,
        city: str('city'),
        kind: str('kind') || type.slice(0, -1),
        status: '',
        availability: '',
        ownerId: doc.owner.id,
        public: true,
        purposes: [],
      };
    }
  }
}

export function toSearchDocs(
  type: SearchType,
  docs: readonly BaseDoc[],
  vectors: readonly Float32Array[],
  modelVersion: string,
  tagger: ConceptTagger,
): SearchDoc[] {
  return docs.map((doc, i) => {
    const text = textOf(type, doc);
    const stored = (doc as unknown as { skillIds?: string[] }).skillIds;
    const skillIds = stored ?? [...new Set(tagger.detect(`${text.subtitle} ${text.body} ${text.title}`).map((c) => c.id))].sort();
    return {
      id: doc.id,
      type,
      title: text.title,
      subtitle: text.subtitle,
      body: text.body,
      ...fieldsOf(type, doc),
      skillIds,
      vector: Array.from(vectors[i] ?? []),
      modelVersion,
      sourceVersion: doc.version,
      updatedAt: doc.updatedAt,
    };
  });
}
