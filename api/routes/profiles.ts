// The SOP profiles: each agency's SOP book as data (its procedures, row by row), and each
// procedure's flow as a Mermaid diagram. Public, as the SOPs themselves are.
import { z } from 'zod';
import { procedureToMermaid } from '../../shared/profile/diagram';
import { actionRules, isHumanAction } from '../../shared/profile/actions';
import { getProfile, listProfiles, UnknownProfileError } from '../../shared/profile/registry';
import type { Procedure, Profile } from '../../shared/profile/schema';
import type { RequestKind } from '../../shared/profile/vocabulary';
import { ApiError } from '../errors';
import { defineRoute } from '../route';
import { decisionSegments } from '../decisionKinds';

const profileParams = z.object({ profileId: z.string().regex(/^[a-z][a-z0-9-]{0,59}$/).meta({ example: 'cirebon' }) });
const diagramQuery = z.object({
  procedure: z.string().regex(/^[a-z][a-z0-9-]{0,59}$/).optional().meta({ description: 'Id prosedur (mis. backup); tanpa ini: prosedur pertama.', example: 'colocation' }),
});

const procedureSummarySchema = z.object({
  id: z.string(),
  code: z.string().nullable(),
  request: z.string(),
  title: z.string(),
  sop: z.string(),
  steps: z.number(),
  submit: z.string().meta({ description: 'Endpoint pengajuan yang membuka kasus prosedur ini.' }),
  diagram: z.string(),
});

const profileSummarySchema = z
  .object({
    id: z.string(),
    version: z.number(),
    code: z.string(),
    agency: z.string(),
    region: z.string(),
    roles: z.record(z.string(), z.string()),
    procedures: z.array(procedureSummarySchema),
    href: z.string(),
  })
  .meta({ id: 'ProfileSummary' });

const submitPaths: Record<RequestKind, string> = { colocation: 'POST /requests', backup: 'POST /requests/backup', restore: 'POST /requests/restore', withdrawal: 'POST /placements/{placementNumber}/withdrawal' };

function profileOrNotFound(id: string): Profile {
  try {
    return getProfile(id);
  } catch (error) {
    if (error instanceof UnknownProfileError) throw new ApiError(404, 'NOT_FOUND', `Profil SOP "${id}" tidak dikenal. Yang ada: ${error.knownIds.join(', ')}.`);
    throw error;
  }
}

function procedureSummary(profile: Profile, procedure: Procedure) {
  return {
    id: procedure.id,
    code: procedure.code ?? null,
    request: procedure.request,
    title: procedure.title,
    sop: procedure.sop.title,
    steps: procedure.activities.length,
    submit: submitPaths[procedure.request],
    diagram: `/profiles/${profile.id}/diagram?procedure=${procedure.id}`,
  };
}

function summary(p: Profile) {
  return {
    id: p.id,
    version: p.version,
    code: p.code,
    agency: p.agency.name,
    region: p.agency.region,
    roles: Object.fromEntries(Object.entries(p.roles).map(([role, r]) => [role, r?.title ?? role])),
    procedures: p.procedures.map((procedure) => procedureSummary(p, procedure)),
    href: `/profiles/${p.id}`,
  };
}

/** A procedure's rows with, for each action, who records it and where (the decision endpoint), or that the system does. */
function procedureWithEndpoints(profile: Profile, procedure: Procedure) {
  return {
    ...procedure,
    submit: submitPaths[procedure.request],
    activities: procedure.activities.map((row) => ({
      ...row,
      actions: row.actions.map((action) => {
        const effects = actionRules[action.kind].effects.after;
        if (!isHumanAction(action.kind)) return { ...action, by: null, byTitle: 'sistem (otomatis)', effects };
        const by = action.by ?? row.performer;
        return { ...action, by, byTitle: profile.roles[by]?.title ?? by, effects, endpoint: `POST /requests/{requestNumber}/decisions/${decisionSegments[action.kind]}` };
      }),
    })),
  };
}

const serviceSchema = profileSummarySchema
  .extend({ timeZone: z.enum(['WIB', 'WITA', 'WIT']).meta({ description: 'Zona waktu instansi: tanggal dan batas waktu ditampilkan di zona ini.' }) })
  .meta({ id: 'Service' });

export const profileRoutes = [
  defineRoute({
    method: 'get',
    path: '/service',
    summary: 'Layanan instansi ini: profil SOP yang diikuti permohonan baru, zona waktunya, peran dan prosedurnya',
    tags: ['Profil SOP'],
    access: 'publik',
    public: true,
    responses: { 200: { description: 'Profil SOP deployment ini (KOLOKASI_PROFILE) dengan zona waktunya', schema: serviceSchema } },
    async handle({ res, deps }) {
      const profile = profileOrNotFound(deps.profileId);
      res.json({ ...summary(profile), timeZone: profile.timeZone });
    },
  }),
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
    summary: 'Satu profil SOP: prosedurnya, tiap langkah dengan pelaksana, mutu baku, dan endpoint keputusan tiap aksi',
    tags: ['Profil SOP'],
    access: 'publik',
    public: true,
    params: profileParams,
    responses: { 200: { description: 'Profil lengkap', schema: z.record(z.string(), z.unknown()) } },
    errors: [{ status: 404, codes: ['NOT_FOUND'], description: 'Profil tidak dikenal.' }],
    async handle({ res, params }) {
      const profile = profileOrNotFound(params.profileId);
      res.json({ ...profile, procedures: profile.procedures.map((procedure) => procedureWithEndpoints(profile, procedure)) });
    },
  }),
  defineRoute({
    method: 'get',
    path: '/profiles/{profileId}/diagram',
    summary: 'Alur satu prosedur profil SOP sebagai diagram Mermaid (teks)',
    tags: ['Profil SOP'],
    access: 'publik',
    public: true,
    params: profileParams,
    query: diagramQuery,
    responses: { 200: { description: 'Diagram Mermaid (flowchart)', schema: z.string(), contentType: 'text/plain' } },
    errors: [{ status: 404, codes: ['NOT_FOUND'], description: 'Profil atau prosedur tidak dikenal.' }],
    async handle({ res, params, query }) {
      const profile = profileOrNotFound(params.profileId);
      const procedure = query.procedure ? profile.procedures.find((p) => p.id === query.procedure) : profile.procedures[0];
      if (!procedure) throw new ApiError(404, 'NOT_FOUND', `Profil SOP "${profile.id}" tidak memiliki prosedur "${query.procedure}". Yang ada: ${profile.procedures.map((p) => p.id).join(', ')}.`);
      res.type('text/plain; charset=utf-8').send(procedureToMermaid(profile, procedure));
    },
  }),
];
