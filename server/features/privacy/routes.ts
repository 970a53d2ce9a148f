import { z } from 'zod';
import type { Principal, Role } from '../../auth/principal.js';
import { Id } from '../../domain/primitives.js';
import { IdParams } from '../../http/query.js';
import { defineRoute, type RouteDef } from '../../http/route.js';
import { REVEAL_PURPOSES, type PrivacyService } from './service.js';

const roles = (...r: Role[]) => ({ roles: r });

const RevealBody = z.strictObject({ purpose: z.enum(REVEAL_PURPOSES), needId: Id.optional() });
const ContactCard = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().optional(),
  email: z.string().optional(),
  idNumber: z.string().optional(),
});
const requestIdOf = (res: { getHeader(name: string): unknown }) => String(res.getHeader('x-request-id') ?? '');

/** Contact reveal (audited, throttled) and the person's rights to export and delete. */
export function privacyRoutes(privacy: PrivacyService): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/v1/talents/:id/contact',
      operationId: 'revealTalentContact',
      summary: "A talent's full contact details for a stated purpose; audited, throttled, enterprises need the talent's contact_sharing consent",
      tags: ['talents', 'privacy'],
      // Chain chiefs and institutes work with masked lists only (mayRevealTalentContact).
      access: roles('admin', 'hr_bureau', 'enterprise', 'talent'),
      params: IdParams,
      body: RevealBody,
      responses: { 200: { description: 'Full contact details', schema: ContactCard } },
      handler: async ({ principal, params, body, req, res }) => ({
        body: await privacy.revealContact(principal as Principal, params.id, body, req, res),
        headers: { 'cache-control': 'no-store' },
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/me/export',
      operationId: 'exportMyData',
      summary: 'All data held about the caller (account, profile, credentials, audit trail) as JSON',
      tags: ['privacy'],
      access: roles('admin', 'hr_bureau', 'chain_chief', 'enterprise', 'institute', 'talent'),
      responses: { 200: { description: 'The export' } },
      handler: async ({ principal, res }) => ({
        body: await privacy.exportOwnData(principal as Principal, requestIdOf(res)),
        headers: { 'cache-control': 'no-store', 'content-disposition': 'attachment; filename="chaintalent-export.json"' },
      }),
    }),
    defineRoute({
      method: 'delete',
      path: '/api/v1/me',
      operationId: 'deleteMyProfile',
      summary: "Delete the caller's talent profile (store and search index) and disable the account",
      tags: ['privacy'],
      access: roles('talent'),
      responses: { 204: { description: 'Deleted' } },
      handler: async ({ principal, res }) => {
        await privacy.deleteOwnProfile(principal as Principal, requestIdOf(res));
        return { status: 204 };
      },
    }),
  ];
}
