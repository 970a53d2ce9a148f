import express, { type RequestHandler } from 'express';
import { AppError } from '../errors.js';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 32;

/**
 * Finds the first key that could reach a database operator or an object prototype
 * (`$ne`, `__proto__`), so that such a body is refused before any code sees it.
 */
export function findDangerousKey(value: unknown, path: string, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findDangerousKey(value[i], `${path}.${i}`, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (key.startsWith('$') || FORBIDDEN_KEYS.has(key)) return `${path}.${key}`;
      const hit = findDangerousKey((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

const isJsonType = (ct: string | undefined): boolean => !!ct && /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(ct.trim());

/** JSON bodies only, at most 1 MB, with operator and prototype keys refused. */
export function jsonBody(): RequestHandler[] {
  const parse = express.json({ limit: '1mb', strict: true, type: (req) => isJsonType(req.headers['content-type']) });
  const requireJson: RequestHandler = (req, _res, next) => {
    const hasBody =
      (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && ['POST', 'PUT', 'PATCH'].includes(req.method) && !isJsonType(req.headers['content-type'])) {
      next(
        new AppError('unsupported_media_type', 'The body must be application/json', {
          issues: [{ field: 'content-type', message: 'must be application/json' }],
        }),
      );
      return;
    }
    next();
  };
  const guard: RequestHandler = (req, _res, next) => {
    const hit = req.body === undefined ? undefined : findDangerousKey(req.body, 'body');
    if (hit) {
      next(
        new AppError('validation', 'The body contains a forbidden key', {
          issues: [{ field: hit, message: 'keys starting with $ and prototype keys are not allowed' }],
        }),
      );
      return;
    }
    next();
  };
  return [requireJson, parse, guard];
}
