// POST /requests: an applicant submits a request letter and application form; its workflow starts.
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { getProfile } from '../../shared/profile/registry';
import type { Submission } from '../../shared/request';
import { actorOf, unitScope } from '../auth';
import { allocateRequestNumber } from '../cases/requestNumbers';
import { bindKey, bodyHash, recordKeyNumber } from '../cases/idempotency';
import { settledState } from '../cases/settle';
import { startCase, submissionFingerprint, workflowIdIsFree } from '../cases/startCase';
import { forbidden, parseOrThrow } from '../errors';
import { defineRoute } from '../route';
import { actAsHeaders, idempotencyHeaders, idempotencyKeySchema, SubmissionSchema } from '../schemas';
import { requestLinks } from '../views/requestView';
import { SubmitResult, submitResultSchema } from '../views/schemas';

export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.get('idempotency-key');
  return key === undefined ? undefined : parseOrThrow(idempotencyKeySchema, key, 'Idempotency-Key');
}

export const submitRequestRoute = defineRoute({
  method: 'post',
  path: '/requests',
  summary: 'Mengajukan permohonan co-location (memulai kasusnya)',
  description:
    'Surat permohonan dan form pengajuan. `form.unitName` harus unit pemohon. Dengan header `Idempotency-Key`, pengiriman ulang dengan isi yang sama mengembalikan permohonan yang sama dan tidak memulai kasus kedua.',
  tags: ['Permohonan'],
  access: 'applicant (atau admin sebagai applicant)',
  body: SubmissionSchema,
  headers: idempotencyHeaders.extend(actAsHeaders.shape),
  responses: { 201: { description: 'Permohonan diterima dan kasusnya dimulai (juga untuk pengiriman ulang dengan Idempotency-Key yang sama).', schema: submitResultSchema } },
  errors: [{ status: 409, codes: ['IDEMPOTENCY_CONFLICT'], description: 'Idempotency-Key sudah dipakai dengan isi lain.' }],
  async handle({ req, res, deps, caller: getCaller, body }) {
    const caller = getCaller();
    if (caller.role !== 'applicant') throw forbidden('Permohonan diajukan oleh pemohon (peran applicant).');
    const submission = body<Submission>();
    const unit = unitScope(caller);
    if (unit !== undefined && submission.form.unitName !== unit) {
      throw forbidden(`form.unitName harus unit Anda ("${unit}"): pemohon hanya dapat mengajukan untuk unitnya sendiri.`);
    }
    const key = idempotencyKeyOf(req);
    const actor = actorOf(caller);
    const profile = getProfile(deps.profileId);

    const hash = bodyHash(submission);
    const bound = key ? await bindKey(caller.user.id, key, hash) : { first: true };
    const replayed = !bound.first;
    let requestNumber = 'requestNumber' in bound ? bound.requestNumber : undefined;
    if (!requestNumber) {
      // A keyed submission claims its number under its key, so twins and retries share one number.
      const claimant = key ? `${caller.user.id}:key:${key}` : `${caller.user.id}:once:${randomUUID()}`;
      const allocated = await allocateRequestNumber(profile, claimant, (no) => workflowIdIsFree(deps, no));
      requestNumber = key ? await recordKeyNumber(caller.user.id, key, allocated) : allocated;
    }
    // Also on a replay: if the first attempt stopped before the start, this one completes it.
    const workflowId = await startCase(deps, profile, requestNumber, submission, actor, submissionFingerprint(caller.user.id, hash));
    // Answer once the case waits for its first decision, so that decision can be sent right away;
    // without a worker that never happens, and the answer says inProgress with no step yet.
    await settledState(deps.temporal, workflowId);

    const result: SubmitResult = {
      requestNumber,
      workflowId,
      status: 'inProgress',
      links: requestLinks({ requestNumber, status: 'inProgress', currentStep: null }),
    };
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(201).location(`/requests/${requestNumber}`).json(result);
  },
});
