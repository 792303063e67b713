// The SOP profiles: each agency's procedure as data, and its flow as a Mermaid diagram. Public, as
// the SOPs themselves are.
import { z } from 'zod';
import { profileToMermaid } from '../../shared/profile/diagram';
import { getProfile, listProfiles, UnknownProfileError } from '../../shared/profile/registry';
import type { Profile } from '../../shared/profile/schema';
import { humanActionKinds } from '../../shared/profile/schema';
import { ApiError } from '../errors';
import { defineRoute } from '../route';
import { decisionSegments } from '../decisionKinds';

const profileParams = z.object({ profileId: z.string().regex(/^[a-z][a-z0-9-]{0,59}$/).meta({ example: 'cirebon' }) });

const profileSummarySchema = z
  .object({ id: z.string(), version: z.number(), code: z.string(), agency: z.string(), region: z.string(), sop: z.string(), roles: z.record(z.string(), z.string()), steps: z.number(), href: z.string(), diagram: z.string() })
  .meta({ id: 'ProfileSummary' });

function profileOrNotFound(id: string): Profile {
  try {
    return getProfile(id);
  } catch (error) {
    if (error instanceof UnknownProfileError) throw new ApiError(404, 'NOT_FOUND', `Profil SOP "${id}" tidak dikenal. Yang ada: ${error.knownIds.join(', ')}.`);
    throw error;
  }
}

function summary(p: Profile) {
  return {
    id: p.id,
    version: p.version,
    code: p.code,
    agency: p.agency.name,
    region: p.agency.region,
    sop: p.sop.title,
    roles: Object.fromEntries(Object.entries(p.roles).map(([role, r]) => [role, r?.title ?? role])),
    steps: p.steps.length,
    href: `/profiles/${p.id}`,
    diagram: `/profiles/${p.id}/diagram`,
  };
}

const human = new Set<string>(humanActionKinds);

export const profileRoutes = [
  defineRoute({
    method: 'get',
    path: '/profiles',
    summary: 'Profil SOP yang tersedia',
    tags: ['Profil SOP'],
    access: 'publik',
    public: true,
    responses: { 200: { description: 'Profil', schema: z.object({ items: z.array(profileSummarySchema) }) } },
    async handle({ res }) {
      res.json({ items: listProfiles().map(summary) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/profiles/{profileId}',
    summary: 'Satu profil SOP: langkah, pelaksana, mutu baku, dan endpoint keputusan tiap aksi',
    tags: ['Profil SOP'],
    access: 'publik',
    public: true,
    params: profileParams,
    responses: { 200: { description: 'Profil lengkap', schema: z.record(z.string(), z.unknown()) } },
    errors: [{ status: 404, codes: ['NOT_FOUND'], description: 'Profil tidak dikenal.' }],
    async handle({ res, params }) {
      const profile = profileOrNotFound(params.profileId);
      const steps = profile.steps.map((step) => ({
        ...step,
        actions: step.actions.map((action) => {
          const by = action.by ?? step.performer;
          return human.has(action.kind)
            ? { ...action, by, byTitle: profile.roles[by]?.title ?? by, endpoint: `POST /requests/{requestNumber}/decisions/${decisionSegments[action.kind as keyof typeof decisionSegments]}` }
            : { ...action, by: null, byTitle: 'sistem (otomatis)' };
        }),
      }));
      res.json({ ...profile, steps });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/profiles/{profileId}/diagram',
    summary: 'Alur profil SOP sebagai diagram Mermaid (teks)',
    tags: ['Profil SOP'],
    access: 'publik',
    public: true,
    params: profileParams,
    responses: { 200: { description: 'Diagram Mermaid (flowchart)', schema: z.string(), contentType: 'text/plain' } },
    errors: [{ status: 404, codes: ['NOT_FOUND'], description: 'Profil tidak dikenal.' }],
    async handle({ res, params }) {
      res.type('text/plain; charset=utf-8').send(profileToMermaid(profileOrNotFound(params.profileId)));
    },
  }),
];
