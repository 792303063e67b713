// Update validators: a decision that is malformed, out of turn or by the wrong role is refused
// here, before it enters history, with a reason a person can act on.
import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { DECISION_REFUSED, decisionSchema, RefusalCode, RefusalDetails, withdrawalSchema } from '../../shared/decisions';
import type { HumanActionKind } from '../../shared/profile/actions';
import { stopRequestSchema } from '../../shared/contracts/sopCase';
import { awaitedText } from '../../shared/awaited';
import type { CaseBook } from './caseBook';

/** Refuses an Update with a reason; `book` is absent while the case is still starting. */
export function refuse(code: RefusalCode, message: string, book?: CaseBook, fields?: Record<string, string>): never {
  const step = book?.state.currentStep;
  const pending = step?.pending;
  const details: RefusalDetails = {
    code,
    message,
    waitingFor: pending && step ? { stepId: step.stepId, sopStep: step.sopStep, action: pending.label, role: pending.by, roleTitle: pending.byTitle } : null,
    ...(fields && { fields }),
  };
  throw ApplicationFailure.create({ type: DECISION_REFUSED, message, nonRetryable: true, details: [details] });
}

function refuseInvalid(error: z.ZodError, book: CaseBook | undefined): never {
  const fields = Object.fromEntries(error.issues.map((i) => [i.path.join('.').replace(/^payload\./, '') || 'body', i.message]));
  refuse('INVALID', Object.entries(fields).map(([path, message]) => `${path}: ${message}`).join('; '), book, fields);
}

function statusText(book: CaseBook): string {
  return { completed: 'sudah selesai', rejected: 'sudah ditolak', withdrawn: 'sudah dibatalkan', expired: 'sudah kedaluwarsa', noCapacity: 'sudah ditutup karena kapasitas tidak tersedia', cancelled: 'sudah dibatalkan oleh pengelola', inProgress: 'berjalan' }[book.state.status];
}

/**
 * Each validator takes `book` undefined while the case has not read its profile yet: it then checks
 * only the shape, and the Update's handler checks the rest once the case waits (workflows/sopCase.ts).
 */
export function validateDecision(book: CaseBook | undefined, kind: HumanActionKind, raw: unknown, appliedIds: ReadonlySet<string>): void {
  const parsed = decisionSchema(kind).safeParse(raw);
  if (!parsed.success) {
    refuseInvalid(parsed.error, book);
  }
  const decision = parsed.data;
  // A resend of a decision already applied is accepted and answered from what was recorded.
  if (!book || appliedIds.has(decision.decisionId)) return;
  if (!book.active) refuse('CLOSED', `Permohonan ${book.state.requestNumber} ${statusText(book)}.`, book);

  const pending = book.state.currentStep?.pending;
  if (!pending || pending.kind !== kind) {
    refuse('OUT_OF_TURN', `Bukan giliran keputusan ini: permohonan sedang menunggu ${awaitedText(book.state)}.`, book);
  }
  if (decision.actor.role !== pending.by) {
    refuse('WRONG_ROLE', `Keputusan "${pending.label}" hanya dapat diambil oleh ${pending.byTitle}.`, book);
  }

  const payload = decision.payload as Record<string, unknown>;
  if (kind === 'capacityCheck' && payload.outcome === 'confirm' && !book.state.capacity.proposal?.available) {
    refuse('INVALID', 'Usulan sistem menyatakan kapasitas tidak tersedia: pilih "override" dengan penempatan dan alasan, atau "unavailable".', book, { outcome: 'kapasitas tidak tersedia menurut usulan sistem' });
  }
}

export function validateWithdrawal(book: CaseBook | undefined, raw: unknown, appliedIds: ReadonlySet<string>): void {
  const parsed = withdrawalSchema.safeParse(raw);
  if (!parsed.success) refuseInvalid(parsed.error, book);
  if (!book || appliedIds.has(parsed.data.decisionId)) return;
  if (!book.active) refuse('CLOSED', `Permohonan ${book.state.requestNumber} ${statusText(book)}.`, book);
  if (parsed.data.actor.role !== 'applicant') refuse('WRONG_ROLE', 'Permohonan hanya dapat dibatalkan oleh pemohon.', book);
  if (book.state.installation) refuse('OUT_OF_TURN', 'Server sudah dipasang: gunakan formulir pencabutan/penarikan co-location.', book);
}

export function validateStopRequest(book: CaseBook | undefined, raw: unknown, appliedIds: ReadonlySet<string>): void {
  const parsed = stopRequestSchema.safeParse(raw);
  if (!parsed.success) refuseInvalid(parsed.error, book);
  if (!book || appliedIds.has(parsed.data.decisionId)) return;
  if (!book.active) refuse('CLOSED', `Permohonan ${book.state.requestNumber} ${statusText(book)}.`, book);
  if (parsed.data.actor.role !== 'applicant') refuse('WRONG_ROLE', 'Penghentian back up diminta oleh pemohon (surat permohonan penghentian).', book);
  if (book.state.submission.kind !== 'backup') refuse('OUT_OF_TURN', 'Hanya layanan back up yang dapat dihentikan dengan surat penghentian.', book);
  if (book.state.backup?.stopRequested) refuse('OUT_OF_TURN', `Penghentian back up sudah diminta dengan surat ${book.state.backup.stopRequested.letterNumber}.`, book);
}
