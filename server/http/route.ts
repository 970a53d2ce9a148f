import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Access, Principal } from '../auth/principal.js';
import { AppError, ValidationError, type FieldIssue } from '../errors.js';

/**
 * A route is declared once: its zod schemas validate the request, type the handler and
 * produce the OpenAPI document; its `access` is enforced before the handler runs.
 */
export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal | null;
  req: Request;
  res: Response;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
}

export interface RouteDef<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** Express path, e.g. `/api/v1/talents/:id`. */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  responses: Record<number, ResponseSpec>;
  handler: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<Reply>;
}

export function defineRoute<P extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, B extends z.ZodType = z.ZodUndefined>(
  def: RouteDef<P, Q, B>,
): RouteDef {
  return def as unknown as RouteDef;
}

export function issuesOf(error: z.ZodError, prefix: string): FieldIssue[] {
  return error.issues.map((i) => {
    const path = [prefix, ...i.path.map(String)];
    if (i.code === 'unrecognized_keys') return { field: [...path, i.keys[0] ?? ''].join('.'), message: `unknown field(s): ${i.keys.join(', ')}` };
    return { field: path.join('.'), message: i.message };
  });
}

function parsePart(schema: z.ZodType | undefined, value: unknown, prefix: string): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value);
  if (!r.success) throw new ValidationError(issuesOf(r.error, prefix));
  return r.data;
}

/** Express 5 forwards rejected promises to the error middleware, so handlers need no try/catch. */
export function mountRoutes(router: Router, routes: readonly RouteDef[], authorize: (access: Access, principal: Principal | null) => void): void {
  for (const route of routes) {
    router[route.method](route.path, async (req, res) => {
      const principal = (res.locals['principal'] as Principal | null | undefined) ?? null;
      authorize(route.access, principal);
      if (route.body && req.body === undefined) throw new ValidationError([{ field: 'body', message: 'a JSON body is required' }]);
      const ctx: RouteContext<unknown, unknown, unknown> = {
        params: parsePart(route.params, { ...req.params }, 'params'),
        query: parsePart(route.query, { ...(req.query as Record<string, unknown>) }, 'query'),
        body: parsePart(route.body, req.body, 'body'),
        principal,
        req,
        res,
      };
      const reply = await route.handler(ctx);
      for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
      const status = reply.status ?? 200;
      if (reply.body === undefined) res.status(status).end();
      else res.status(status).json(reply.body);
    });
  }
}

// ---------- OpenAPI 3.1 ----------

function jsonSchema(schema: z.ZodType): unknown {
  // Requests and responses are described as the client writes/reads JSON: the input side of
  // transforms; refinements (check digits, character counts) are noted in descriptions.
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): unknown[] {
  if (!schema) return [];
  const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

export function openApiDocument(routes: readonly RouteDef[], info: { title: string; version: string; description: string }): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    for (const [status, spec] of Object.entries(r.responses)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema ? { content: { 'application/json': { schema: jsonSchema(spec.schema) } } } : {}),
      };
    }
    responses['default'] = { description: 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    (paths[p] ??= {})[r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      tags: r.tags,
      'x-access': r.access === 'public' ? 'public' : r.access.roles,
      ...(r.access === 'public' ? {} : { security: [{ bearer: [] }] }),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Session token from POST /api/v1/auth/sign-in, or an API token' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            instance: { type: 'string' },
            requestId: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}

export { AppError };
