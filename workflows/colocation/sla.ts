// SLA timers in working time. A late staff step is reminded, then escalated to the superior, and
// keeps waiting: the SOPs never reject a case for lateness. A late applicant step is reminded and,
// after the grace period, the case expires.
import { condition } from '@temporalio/workflow';
import type { StepRecord } from '../../shared/caseState';
import type { ProfileStep } from '../../shared/profile/schema';
import { addWorkingDuration } from '../../shared/workingTime';
import type { CaseBook } from './caseBook';

/** Waits until `done()` or until `atMs`; true when done first. */
function doneBefore(done: () => boolean, atMs: number): Promise<boolean> {
  return condition(done, Math.max(atMs - Date.now(), 1));
}

export async function watchStepSla(book: CaseBook, step: ProfileStep, record: StepRecord, isDone: () => boolean): Promise<void> {
  const done = (): boolean => isDone() || !book.active;
  const applicantStep = step.performer === 'applicant';
  if (!record.deadline && !applicantStep) return;

  // Where the SOP sets no time for an applicant step, the grace period runs from the step's start.
  const deadline = record.deadline ? Date.parse(record.deadline) : Date.parse(record.startedAt);
  if (record.deadline) {
    if (await doneBefore(done, deadline)) return;
    book.markBreached(record);
  }
  const ref = book.stepRef(step);
  const { sla } = book.profile;

  if (applicantStep) {
    const graceEnd = addWorkingDuration(deadline, sla.applicantGrace, book.calendar);
    if (record.deadline) {
      await book.flush();
      await book.email([{ applicant: true }], { template: 'reminder', step: ref, deadline: book.localTime(deadline), applicantGraceUntil: book.localTime(graceEnd) }, `Langkah ${step.sopStep}: pengingat kepada pemohon`);
      if (book.lean) await book.commit();
    }
    if (await doneBefore(done, graceEnd)) return;
    book.audit('applicantGraceExpired', { stepId: step.id, sopStep: step.sopStep });
    book.close('expired', `Langkah ${step.sopStep} tidak ditindaklanjuti pemohon sampai ${book.localTime(graceEnd)}`);
    return;
  }

  await book.flush();
  const responsible = record.pending?.by ?? step.performer;
  await book.email([{ role: responsible }], { template: 'reminder', step: ref, deadline: book.localTime(deadline) }, `Langkah ${step.sopStep}: pengingat batas waktu`);
  if (book.lean) await book.commit();

  const superior = book.profile.roles[responsible]?.superior;
  if (!superior) return;
  const escalateAt = addWorkingDuration(deadline, sla.escalateAfter, book.calendar);
  if (await doneBefore(done, escalateAt)) return;
  record.escalatedAt = new Date(Date.now()).toISOString();
  book.audit('escalated', { stepId: step.id, sopStep: step.sopStep, details: { to: superior } });
  await book.flush();
  await book.email([{ role: superior }], { template: 'escalation', step: ref, deadline: book.localTime(deadline), responsibleTitle: book.roleTitle(responsible) }, `Langkah ${step.sopStep}: eskalasi kepada atasan`);
  if (book.lean) await book.commit();
}

/** The whole-service standard some SOPs set (Kaltim: 4 working days). */
export async function watchTotalSla(book: CaseBook): Promise<void> {
  const { total } = book.profile.sla;
  if (!total || !book.state.totalDeadline) return;
  const deadline = Date.parse(book.state.totalDeadline);
  if (await doneBefore(() => !book.active, deadline)) return;
  book.state.slaBreached = true;
  book.audit('totalSlaBreached', { details: { deadline: book.state.totalDeadline } });
  await book.flush();
  await book.email([{ role: 'kabid' }], { template: 'totalBreach', standard: `${total.amount} ${total.unit} kerja`, deadline: book.localTime(deadline) }, 'Waktu layanan keseluruhan terlampaui');
  if (book.lean) await book.commit();
}
