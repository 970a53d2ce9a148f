import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { findRoot } from './paths.js';
import type { Access, Principal } from './auth/principal.js';
import { AppError } from './errors.js';
import type { AppDeps } from './deps.js';
import { jsonBody } from './http/body.js';
import { errorHandler, notFoundHandler } from './http/problem.js';
import { mountRoutes, openApiDocument, type RouteDef } from './http/route.js';
import { allRecordRoutes } from './features/records/all-routes.js';
import { systemRoutes } from './features/system/routes.js';
import { accountRoutes } from './features/account/routes.js';
import { privacyRoutes } from './features/privacy/routes.js';
import { createPrivacyService } from './features/privacy/service.js';
import { auditRoutes } from './features/audit/routes.js';
import { matchingRoutes } from './features/matching/routes.js';
import { searchRoutes } from './features/search/routes.js';
import { lexiconRoutes } from './features/lexicon/routes.js';
import { instrumentRoutes } from './features/battlemap/instruments.js';
import { pipelineRoutes } from './features/pipeline/routes.js';
import { dashboardRoutes } from './features/dashboard/routes.js';

export const API_INFO = {
  title: '链才 ChainTalent API',
  version: '0.1.0',
  description: 'Links the gaps of industrial chains to the talents and institutes that can close them.',
};

/** Every route of the app, in one list: the router and the OpenAPI document are built from it. */
export function buildRoutes(deps: AppDeps): RouteDef[] {
  const routes: RouteDef[] = [];
  const openapi = () => openApiDocument(routes, API_INFO);
  routes.push(
    ...systemRoutes({ store: deps.store, search: deps.search, openapi }),
    ...allRecordRoutes(deps.records),
    ...searchRoutes(deps),
    ...matchingRoutes(deps.matching),
    ...lexiconRoutes(deps.lexicon),
    ...instrumentRoutes(deps.instruments),
    ...pipelineRoutes(deps.pipeline),
    ...dashboardRoutes(deps.dashboard),
    ...accountRoutes({ auth: deps.auth, audit: deps.audit, records: deps.records }),
    ...privacyRoutes(createPrivacyService(deps)),
    ...auditRoutes(deps.store),
  );
  return routes;
}

export function authorize(access: Access, principal: Principal | null): void {
  if (access === 'public') return;
  if (!principal) throw new AppError('unauthenticated', 'Sign in to use this route');
  if (!access.roles.includes(principal.role)) throw new AppError('forbidden', `The ${principal.role} role may not use this route`);
}

const requestId: RequestHandler = (req, res, next) => {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  next();
};

/** Builds the Express app from its dependencies; it never listens (server/main.ts does). */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.set('query parser', 'simple');
  app.use(requestId);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'style-src': ["'self'", "'unsafe-inline'"] },
      },
    }),
  );
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Paths only: query strings may carry names or phone numbers.
      deps.logger.info(
        {
          requestId: res.getHeader('x-request-id'),
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  });
  const origins = new Set(deps.config.CORS_ORIGINS);
  app.use((req, res, next) => {
    const origin = req.headers.origin;
    if (origin && origins.has(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('vary', 'Origin');
      res.setHeader('access-control-allow-headers', 'authorization, content-type, x-request-id');
      res.setHeader('access-control-allow-methods', 'GET, POST, PATCH, DELETE');
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
    }
    next();
  });
  app.use('/api', ...jsonBody());
  app.use(async (req, res, next) => {
    res.locals['principal'] = req.path.startsWith('/api/') ? await deps.authenticate(req) : null;
    next();
  });

  const router = express.Router();
  mountRoutes(router, buildRoutes(deps), authorize);
  app.use(router);

  const webDist = path.join(findRoot(), 'web', 'dist');
  if (existsSync(webDist)) {
    app.use(express.static(webDist, { index: 'index.html', maxAge: '1h' }));
    app.get(/^\/(?!api\/|healthz|readyz).*/, (_req, res) => res.sendFile(path.join(webDist, 'index.html')));
  }
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
