// POST /requests/{no}/stop: the SKPD's letter asking to stop a back up service (Jateng Back up,
// rows 4 and 6). The service stops running backups; staff then record the stop and the letter goes out.
import { requestStopUpdate } from '../../shared/contracts/sopCase';
import { actorOf } from '../auth';
import { useDecisionKey } from '../cases/decisionKeys';
import { decisionTarget, loadCase } from '../cases/loadCase';
import { sendDecision } from '../cases/sendDecision';
import { ApiError, forbidden, parseOrThrow } from '../errors';
import { defineRoute } from '../route';
import { actAsHeaders, idempotencyHeaders, StopBodySchema } from '../schemas';
import { decisionResultSchema } from '../views/schemas';
import { idempotencyKeyOf, payloadOf } from './decisions';
import { requestNumberParams } from './readRequests';

export const stopRequestRoute = defineRoute({
  method: 'post',
  path: '/requests/{requestNumber}/stop',
  summary: 'Permohonan penghentian layanan back up oleh SKPD',
  description:
    'Surat permohonan penghentian dari SKPD pemilik layanan back up. Back up terjadwal berikutnya tidak dijalankan; petugas lalu mencatat penghentian dan pemohon menerima surat pemberitahuan. Kirim `Idempotency-Key` agar pengiriman ulang tidak dicatat dua kali.',
  tags: ['Keputusan'],
  access: 'applicant unit itu (atau admin sebagai applicant)',
  params: requestNumberParams,
  body: StopBodySchema,
  headers: idempotencyHeaders.extend(actAsHeaders.shape),
  responses: { 200: { description: 'Permohonan penghentian dicatat; posisi layanan sesudahnya.', schema: decisionResultSchema } },
  errors: [
    { status: 404, codes: ['NOT_FOUND'], description: 'Nomor permohonan tidak dikenal (atau milik unit lain).' },
    {
      status: 409,
      codes: ['OUT_OF_TURN', 'CLOSED', 'NOT_READY', 'IDEMPOTENCY_CONFLICT'],
      description: 'Bukan layanan back up, penghentian sudah diminta, permohonan sudah ditutup, atau Idempotency-Key sudah dipakai untuk hal lain.',
    },
    { status: 504, codes: ['TIMEOUT'], description: 'Belum selesai diproses; kirim ulang dengan Idempotency-Key yang sama.' },
  ],
  async handle({ req, res, deps, params, caller: getCaller }) {
    const caller = getCaller();
    const actor = actorOf(caller);
    if (actor.role !== 'applicant') throw forbidden('Penghentian back up diminta oleh pemohon (peran applicant) dengan surat permohonan penghentian.');
    const loaded = await loadCase(deps, caller, params.requestNumber);
    const key = idempotencyKeyOf(req);
    const { letter, reason } = parseOrThrow(StopBodySchema, payloadOf(req));
    if (loaded.state && loaded.state.submission.kind !== 'backup') {
      throw new ApiError(409, 'OUT_OF_TURN', `Permohonan ${loaded.requestNumber} bukan layanan back up: hanya layanan back up yang dihentikan dengan surat penghentian.`, { waitingFor: null });
    }
    const { decisionId, resend } = await useDecisionKey({ requestNumber: loaded.requestNumber, userId: caller.user.id, kind: 'stop', key }, { letter, reason });
    const result = await sendDecision(deps, decisionTarget(loaded), { decisionId, resend }, (handle) =>
      handle.executeUpdate(requestStopUpdate, { args: [{ decisionId, actor, letter, reason }], updateId: decisionId }),
    );
    res.json(result);
  },
});
