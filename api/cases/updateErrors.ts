// What the workflow's refusal of a decision means over HTTP. The workflow's Update validator refuses
// with an ApplicationFailure of type DecisionRefused whose details say why (shared/decisions.ts).
import { WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { DECISION_REFUSED, RefusalDetails } from '../../shared/decisions';
import { ApiError, serviceUnavailable } from '../errors';
import { isUnreachable } from '../outage';

export function isGrpcDeadline(error: unknown): boolean {
  return typeof error === 'object' && error !== null && ((error as { code?: unknown }).code === 4 || /deadline/i.test(String((error as Error).message)));
}

/** An ApiError for a failed Update call, or undefined when the failure is not one we can explain. */
export function apiErrorForUpdateFailure(error: unknown, decisionId: string): ApiError | undefined {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === DECISION_REFUSED) {
    const details = (error.cause.details?.[0] ?? {}) as Partial<RefusalDetails>;
    const message = error.cause.message || details.message || 'Keputusan ditolak.';
    switch (details.code) {
      case 'INVALID':
        return details.fields
          ? new ApiError(400, 'VALIDATION_FAILED', 'Data keputusan tidak valid; periksa kolom yang disebut.', { fields: details.fields })
          : new ApiError(400, 'VALIDATION_FAILED', message);
      case 'WRONG_ROLE':
        return new ApiError(403, 'FORBIDDEN', message, { waitingFor: details.waitingFor ?? null });
      case 'CLOSED':
        return new ApiError(409, 'CLOSED', message);
      case 'OUT_OF_TURN':
      default:
        return new ApiError(409, 'OUT_OF_TURN', message, { waitingFor: details.waitingFor ?? null });
    }
  }
  // Temporal down: nothing was sent, retry later (a deadline, below, may have left it in flight).
  if (isUnreachable(error)) return serviceUnavailable();
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadline(error)) {
    return new ApiError(504, 'TIMEOUT', 'Keputusan belum selesai diproses dalam batas waktu. Kirim ulang dengan Idempotency-Key yang sama untuk melihat hasilnya; keputusan tidak akan diterapkan dua kali.', { decisionId });
  }
  if (error instanceof WorkflowNotFoundError) {
    return new ApiError(409, 'CLOSED', 'Permohonan ini sudah ditutup; keputusan tidak lagi diterima.');
  }
  return undefined;
}
