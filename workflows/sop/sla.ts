// SLA timers in working time. A late staff row is reminded, then escalated to the superior, and
// keeps waiting: the SOPs never reject a case for lateness. A late applicant row is reminded and,
// after the grace period, the case expires — unless staff record the applicant's act (a server
// brought in): then staff are reminded too, and their superior is told instead of the case
// expiring while the server may already be there.
import { condition } from '@temporalio/workflow';
import type { StepRecord } from '../../shared/caseState';
import type { Activity, Role } from '../../shared/profile/schema';
import { addWorkingDuration } from '../../shared/workingTime';
import type { CaseBook } from './caseBook';

/** Waits until `done()` or until `atMs`; true when done first. */
export function doneBefore(done: () => boolean, atMs: number): Promise<boolean> {
  return condition(done, Math.max(atMs - Date.now(), 1));
}

export async function watchStepSla(book: CaseBook, row: Activity, record: StepRecord, isDone: () => boolean): Promise<void> {
  const done = (): boolean => isDone() || !book.active;
  const applicantRow = row.performer === 'applicant';
  if (!record.deadline && !applicantRow) return;

  // Where the SOP sets no time for an applicant row, the grace period runs from the row's start.
  const deadline = record.deadline ? Date.parse(record.deadline) : Date.parse(record.startedAt);
  if (record.deadline) {
    if (await doneBefore(done, deadline)) return;
    book.markBreached(record);
  }
  const ref = book.stepRef(record);
  const { sla } = book.procedure;
  const key = record.stepId;

  if (applicantRow) {
    const graceEnd = addWorkingDuration(deadline, sla.applicantGrace, book.calendar);
    const recorder = staffRecorder(record);
    if (record.deadline) {
      book.email(`${key}/reminder`, [{ applicant: true }], { template: 'reminder', step: ref, deadline: book.localTime(deadline), applicantGraceUntil: recorder ? undefined : book.localTime(graceEnd) });
      if (recorder) book.email(`${key}/reminder-${recorder}`, [{ role: recorder }], { template: 'reminder', step: ref, deadline: book.localTime(deadline), recordFor: record.pending!.label });
      await book.commit();
    }
    if (await doneBefore(done, graceEnd)) return;
    const stillRecorder = staffRecorder(record);
    if (stillRecorder) {
      const responsibleTitle = `${book.roleTitle('applicant')} / ${book.roleTitle(stillRecorder)}`;
      return escalate(book, record, book.profile.roles[stillRecorder]?.superior ?? 'kabid', responsibleTitle, deadline);
    }
    book.audit(`${key}/graceExpired`, 'applicantGraceExpired', { stepId: key, sopStep: record.sopStep });
    book.close('expired', `Langkah ${record.sopStep} tidak ditindaklanjuti pemohon sampai ${book.localTime(graceEnd)}`);
    return;
  }

  const responsible = record.pending?.by ?? row.performer;
  book.email(`${key}/reminder`, [{ role: responsible }], { template: 'reminder', step: ref, deadline: book.localTime(deadline) });
  await book.commit();

  const superior = book.profile.roles[responsible]?.superior;
  if (!superior) return;
  const escalateAt = addWorkingDuration(deadline, sla.escalateAfter, book.calendar);
  if (await doneBefore(done, escalateAt)) return;
  await escalate(book, record, superior, book.roleTitle(responsible), deadline);
}

/** The staff role that records an applicant's act in this row (a server brought in), if the row now waits for one. */
function staffRecorder(record: StepRecord): Role | undefined {
  return record.pending && record.pending.by !== 'applicant' ? record.pending.by : undefined;
}

async function escalate(book: CaseBook, record: StepRecord, superior: Role, responsibleTitle: string, deadline: number): Promise<void> {
  record.escalatedAt = new Date(Date.now()).toISOString();
  book.audit(`${record.stepId}/escalated`, 'escalated', { stepId: record.stepId, sopStep: record.sopStep, details: { to: superior } });
  book.email(`${record.stepId}/escalation`, [{ role: superior }], { template: 'escalation', step: book.stepRef(record), deadline: book.localTime(deadline), responsibleTitle });
  await book.commit();
}

/**
 * The whole-service standard some SOPs set (Kaltim: 4 working days). It counts the agency's own
 * time: working time spent waiting on the applicant (their rows) moves the deadline on by as much.
 */
export async function watchTotalSla(book: CaseBook): Promise<void> {
  const { total } = book.procedure.sla;
  if (!total || !book.state.totalDeadline) return;
  const agencyDeadline = addWorkingDuration(Date.parse(book.state.submittedAt), total, book.calendar);
  for (;;) {
    const waited = book.state.applicantWaitMinutes;
    const deadline = waited > 0 ? addWorkingDuration(agencyDeadline, { amount: waited, unit: 'menit' }, book.calendar) : agencyDeadline;
    book.state.totalDeadline = new Date(deadline).toISOString();
    if (await doneBefore(() => !book.active || book.state.applicantWaitMinutes !== waited, deadline)) {
      if (!book.active) return;
      continue;
    }
    // The applicant's row is still open: its time is added when it ends.
    const current = book.state.currentStep;
    if (current?.performer === 'applicant') {
      await condition(() => !book.active || book.state.currentStep !== current);
      if (!book.active) return;
      continue;
    }
    break;
  }
  book.state.slaBreached = true;
  book.audit('case/totalBreached', 'totalSlaBreached', { details: { deadline: book.state.totalDeadline } });
  book.email('case/totalBreach', [{ role: 'kabid' }], { template: 'totalBreach', standard: `${total.amount} ${total.unit} kerja`, deadline: book.localTime(book.state.totalDeadline) });
  await book.commit();
}
