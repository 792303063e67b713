// Submissions: an applicant's letter opens a case of the procedure that takes that kind of request.
// POST /requests is the colocation request (every profile); POST /requests/backup and /restore open
// Jateng's back up and restore procedures, where the deployment's profile has them. The answer comes
// once the case waits for its first action, and says which (Update-with-Start, api/cases/startCase.ts).
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { requestDomain, type CaseRequest } from '../../shared/caseState';
import { RequestRecord } from '../../shared/db/requestRecord';
import { sopCaseWorkflowId } from '../../shared/contracts/sopCase';
import { getProfile } from '../../shared/profile/registry';
import { summaryOfView } from '../../shared/readModel';
import type { RequestKind } from '../../shared/profile/vocabulary';
import type { BackupSubmission, RestoreSubmission, Submission } from '../../shared/request';
import { actorOf, unitScope } from '../auth';
import { bindKey, bodyHash, recordKeyNumber } from '../cases/idempotency';
import { numberPrefix, procedureForRequest } from '../cases/procedures';
import { allocateRequestNumber } from '../cases/requestNumbers';
import { startCase, submissionFingerprint, workflowIdIsFree } from '../cases/startCase';
import { ApiError, forbidden, parseOrThrow } from '../errors';
import { defineRoute, RouteSpec } from '../route';
import { actAsHeaders, BackupSubmissionSchema, idempotencyHeaders, idempotencyKeySchema, RestoreSubmissionSchema, SubmissionSchema } from '../schemas';
import { requestLinks, waitingForView } from '../views/requestView';
import { summaryIndex } from '../views/summaryIndex';
import { SubmitResult, submitResultSchema } from '../views/schemas';

export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  return key === undefined ? undefined : parseOrThrow(idempotencyKeySchema, key, 'Idempotency-Key');
}

interface SubmissionRoute<B> {
  kind: RequestKind;
  path: string;
  /** What the request is, in the applicant's words: "co-location", "back up". */
  label: string;
  summary: string;
  description: string;
  body: z.ZodType<B>;
  /** The body's field naming the applicant's unit, and its value. */
  unitField: string;
  unitOf(body: B): string;
  toRequest(body: B): CaseRequest;
}

const keyDescription = 'Dengan header `Idempotency-Key`, pengiriman ulang dengan isi yang sama mengembalikan permohonan yang sama dan tidak memulai kasus kedua.';
const answerDescription = 'Jawaban datang setelah kasus menunggu tindakan pertamanya (`waitingFor`).';

function submissionRoute<B>(spec: SubmissionRoute<B>): RouteSpec {
  return defineRoute({
    method: 'post',
    path: spec.path,
    summary: spec.summary,
    description: `${spec.description} \`${spec.unitField}\` harus unit pemohon. ${keyDescription} ${answerDescription}`,
    tags: ['Permohonan'],
    access: 'applicant (atau admin sebagai applicant)',
    body: spec.body,
    headers: idempotencyHeaders.extend(actAsHeaders.shape),
    responses: { 201: { description: 'Permohonan diterima dan kasusnya dimulai (juga untuk pengiriman ulang dengan Idempotency-Key yang sama).', schema: submitResultSchema } },
    errors: [
      ...(spec.kind === 'colocation' ? [] : [{ status: 404, codes: ['NOT_FOUND' as const], description: `Profil SOP instansi ini tidak memiliki prosedur permintaan ${spec.label}.` }]),
      { status: 409, codes: ['IDEMPOTENCY_CONFLICT'], description: 'Idempotency-Key sudah dipakai dengan isi lain.' },
    ],
    async handle({ req, res, deps, caller: getCaller, body }) {
      const caller = getCaller();
      const profile = getProfile(deps.profileId);
      const procedure = procedureForRequest(profile, spec.kind);
      if (!procedure) {
        const offered = profile.procedures.map((p) => p.title).join(', ');
        throw new ApiError(404, 'NOT_FOUND', `SOP ${profile.agency.name} tidak memiliki prosedur permintaan ${spec.label}; prosedur yang ada: ${offered}.`);
      }
      if (caller.role !== 'applicant') throw forbidden('Permohonan diajukan oleh pemohon (peran applicant).');
      const submission = body<B>();
      const unit = unitScope(caller);
      if (unit !== undefined && spec.unitOf(submission) !== unit) {
        throw forbidden(`${spec.unitField} harus unit Anda ("${unit}"): pemohon hanya dapat mengajukan untuk unitnya sendiri.`);
      }
      const key = idempotencyKeyOf(req);
      const actor = actorOf(caller);
      const request = spec.toRequest(submission);

      const hash = bodyHash(request);
      const bound = key ? await bindKey(caller.user.id, key, hash) : { first: true };
      const replayed = !bound.first;
      let requestNumber = 'requestNumber' in bound ? bound.requestNumber : undefined;
      if (!requestNumber) {
        // A keyed submission claims its number under its key, so twins and retries share one number;
        // only a resend of the key (not the call that bound it) can find one claimed already.
        const claimant = key ? { id: `${caller.user.id}:key:${key}`, resendable: true, mayHaveClaimed: replayed } : { id: `${caller.user.id}:once:${randomUUID()}`, resendable: false, mayHaveClaimed: false };
        const numbering = { prefix: numberPrefix(profile, procedure), timeZone: profile.timeZone };
        const allocated = await allocateRequestNumber(numbering, claimant, { isFree: (no) => workflowIdIsFree(deps, sopCaseWorkflowId(procedure.id, no)) });
        requestNumber = key ? await recordKeyNumber(caller.user.id, key, allocated) : allocated;
      }
      // Also on a replay: if the first attempt stopped before the start, this one completes it.
      const started = await startCase(deps, { profile, procedure, requestNumber, request, submittedBy: actor, fingerprint: submissionFingerprint(caller.user.id, hash) });
      if (started.view) summaryIndex().learn(summaryOfView(started.view, requestDomain(request)));
      // Without the case's first wait (no worker, or a replay of a case closed since) the record says how it stands.
      const view = started.view ?? (await RequestRecord.findById(requestNumber).lean())?.state ?? null;
      const status = view?.status ?? 'inProgress';
      const currentStep = view?.currentStep ?? null;
      const result: SubmitResult = {
        requestNumber,
        workflowId: started.workflowId,
        procedureId: procedure.id,
        status,
        waitingFor: status === 'inProgress' ? waitingForView(requestNumber, currentStep, Date.now()) : null,
        links: requestLinks({ requestNumber, status, currentStep, submission: request }),
      };
      if (replayed) res.setHeader('Idempotent-Replayed', 'true');
      res.status(201).location(`/requests/${requestNumber}`).json(result);
    },
  });
}

export const submitRequestRoute = submissionRoute<Submission>({
  kind: 'colocation',
  path: '/requests',
  label: 'co-location',
  summary: 'Mengajukan permohonan co-location (memulai kasusnya)',
  description: 'Surat permohonan dan form pengajuan.',
  body: SubmissionSchema,
  unitField: 'form.unitName',
  unitOf: (s) => s.form.unitName,
  toRequest: (s) => ({ kind: 'colocation', ...s }),
});

export const submitBackupRoute = submissionRoute<BackupSubmission>({
  kind: 'backup',
  path: '/requests/backup',
  label: 'back up',
  summary: 'Mengajukan permintaan back up (memulai layanan back up)',
  description:
    'Surat permintaan back up dari SKPD. Hanya untuk instansi yang SOP-nya memiliki prosedur Permintaan Back up (mis. Jateng). Layanan berjalan sesuai jadwal sampai SKPD meminta penghentian (POST /requests/{requestNumber}/stop).',
  body: BackupSubmissionSchema,
  unitField: 'unitName',
  unitOf: (s) => s.unitName,
  toRequest: (s) => ({ kind: 'backup', ...s }),
});

export const submitRestoreRoute = submissionRoute<RestoreSubmission>({
  kind: 'restore',
  path: '/requests/restore',
  label: 'restore',
  summary: 'Mengajukan permintaan restore data dari back up',
  description: 'Surat permintaan restore dari SKPD. Hanya untuk instansi yang SOP-nya memiliki prosedur Permintaan Restore (mis. Jateng).',
  body: RestoreSubmissionSchema,
  unitField: 'unitName',
  unitOf: (s) => s.unitName,
  toRequest: (s) => ({ kind: 'restore', ...s }),
});

export const submissionRoutes: RouteSpec[] = [submitRequestRoute, submitBackupRoute, submitRestoreRoute];
