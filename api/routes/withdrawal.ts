// POST /requests/{no}/withdrawal: the applicant withdraws its request (before installation).
import { withdrawUpdate } from '../../shared/decisions';
import { actorOf } from '../auth';
import { useDecisionKey } from '../cases/decisionKeys';
import { decisionTarget, loadCase } from '../cases/loadCase';
import { sendDecision } from '../cases/sendDecision';
import { forbidden, parseOrThrow } from '../errors';
import { defineRoute } from '../route';
import { actAsHeaders, idempotencyHeaders, WithdrawalBodySchema } from '../schemas';
import { decisionResultSchema } from '../views/schemas';
import { idempotencyKeyOf, payloadOf } from './decisions';
import { requestNumberParams } from './readRequests';

export const withdrawalRoute = defineRoute({
  method: 'post',
  path: '/requests/{requestNumber}/withdrawal',
  summary: 'Pembatalan permohonan oleh pemohon',
  description: 'Menutup permohonan yang belum dipasang; kapasitas yang dicadangkan dilepas dan pemohon serta Kabid diberi tahu.',
  tags: ['Keputusan'],
  access: 'applicant unit itu (atau admin sebagai applicant)',
  params: requestNumberParams,
  body: WithdrawalBodySchema,
  headers: idempotencyHeaders.extend(actAsHeaders.shape),
  responses: { 200: { description: 'Permohonan dibatalkan.', schema: decisionResultSchema } },
  errors: [
    { status: 404, codes: ['NOT_FOUND'], description: 'Nomor permohonan tidak dikenal (atau milik unit lain).' },
    { status: 409, codes: ['OUT_OF_TURN', 'CLOSED', 'IDEMPOTENCY_CONFLICT'], description: 'Sudah dipasang, permohonan sudah ditutup, atau Idempotency-Key sudah dipakai untuk hal lain.' },
  ],
  async handle({ req, res, deps, params, caller: getCaller }) {
    const caller = getCaller();
    const actor = actorOf(caller);
    if (actor.role !== 'applicant') throw forbidden('Permohonan hanya dapat dibatalkan oleh pemohon (peran applicant).');
    const loaded = await loadCase(deps, caller, params.requestNumber);
    const key = idempotencyKeyOf(req);
    const { reason } = parseOrThrow(WithdrawalBodySchema, payloadOf(req));
    const { decisionId, resend } = await useDecisionKey({ requestNumber: loaded.requestNumber, userId: caller.user.id, kind: 'withdrawal', key }, { reason });
    const result = await sendDecision(deps, decisionTarget(loaded), { decisionId, resend }, (handle) =>
      handle.executeUpdate(withdrawUpdate, { args: [{ decisionId, actor, reason }], updateId: decisionId }),
    );
    res.json(result);
  },
});
