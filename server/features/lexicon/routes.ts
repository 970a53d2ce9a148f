import { z } from 'zod';
import { defineRoute, type RouteDef } from '../../http/route.js';
import { NotFoundError } from '../../errors.js';
import { text } from '../../domain/primitives.js';
import type { Lexicon } from '../../../matching/lexicon/lexicon.js';

const Concept = z.object({
  id: z.string(),
  kind: z.string(),
  zh: z.string(),
  en: z.string(),
  abbr: z.array(z.string()),
  def: z.string(),
  nodes: z.array(z.string()),
});
type Concept = z.infer<typeof Concept>;

/** The bilingual domain lexicon as a product asset: names for facets, and skill normalisation. */
export function lexiconRoutes(lexicon: Lexicon): RouteDef[] {
  const view = (id: string): Concept | undefined => {
    const e = lexicon.byId(id);
    return e && { id: e.id, kind: e.kind, zh: e.zh, en: e.en, abbr: e.abbr, def: e.def, nodes: e.nodes };
  };
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/concepts',
      operationId: 'listConcepts',
      summary: 'Concepts by id (comma-separated), or the concepts found in a text',
      tags: ['lexicon'],
      access: 'public',
      query: z.strictObject({
        ids: z
          .string()
          .max(4000)
          .optional()
          .transform((v) =>
            v
              ? v
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
                  .slice(0, 200)
              : [],
          ),
        text: text(1, 2000).optional(),
      }),
      responses: { 200: { description: 'Concepts', schema: z.object({ items: z.array(Concept) }) } },
      handler: async ({ query }) => {
        const ids = [...query.ids, ...(query.text ? lexicon.detect(query.text).map((m) => m.id) : [])];
        const items = [...new Set(ids)].map(view).filter((c): c is Concept => !!c);
        return { body: { items } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/concepts/:id',
      operationId: 'getConcept',
      summary: 'One concept with its names, abbreviations, definition and chain nodes',
      tags: ['lexicon'],
      access: 'public',
      params: z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,80}$/, 'is not a concept id') }),
      responses: { 200: { description: 'The concept', schema: Concept } },
      handler: async ({ params }) => {
        const c = view(params.id);
        if (!c) throw new NotFoundError('concept', params.id);
        return { body: c };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/concepts/normalize',
      operationId: 'normalizeSkills',
      summary: 'Free-text skills → canonical concept ids (伺服调试, servo tuning and Servo meet)',
      tags: ['lexicon'],
      access: 'public',
      body: z.strictObject({ skills: z.array(text(1, 60)).min(1).max(50) }),
      responses: {
        200: {
          description: 'Canonical ids and the skills not recognised',
          schema: z.object({ ids: z.array(z.string()), unknown: z.array(z.string()), concepts: z.array(Concept) }),
        },
      },
      handler: async ({ body }) => {
        const r = lexicon.normalizeSkills(body.skills);
        return { body: { ...r, concepts: r.ids.map(view).filter((c): c is Concept => !!c) } };
      },
    }),
  ];
}
