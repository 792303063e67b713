// The case's state and the bookkeeping around it: every change goes through here, so the audit
// trail, the read model and the Temporal UI's search attributes always tell the same story.
// Audit entries, read-model changes and emails are gathered and written in one local activity
// (`commit`) each time the case waits: a small delta, never the whole state again. Their keys come
// from meaning (case, row occurrence, event), so a replay or a retry writes each thing once.
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { CancellationScope, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CaseCommit } from '../../activities/commit';
import type { AuditInput } from '../../activities/records';
import type { Activities } from '../../activities';
import { CaseState, CaseStatus, DecisionRecord, openingState, PendingAction, requestDomain, StepRecord } from '../../shared/caseState';
import type { HumanActionKind } from '../../shared/profile/actions';
import type { SopCaseInput } from '../../shared/contracts/sopCase';
import type { EmailIntent, EmailRequest, Recipient, StepRef } from '../../shared/emails';
import type { Actor, DecisionPayload } from '../../shared/decisions';
import type { Activity, Procedure, ProfileAction, ProfileSnapshot, Role } from '../../shared/profile/schema';
import { readModelFields, requestSummaryFields } from '../../shared/readModel';
import { SA } from '../../shared/searchAttributes';
import { addWorkingDuration, durationToWorkingMinutes, formatLocalDateTime, localDate, workingCalendar, WorkingCalendar, workingMinutesBetween } from '../../shared/workingTime';
import { runActivity } from './localActivities';
import type { CarriedCase } from './carryOver';
import { ReadModelTracker } from './readModelDelta';

const iso = (ms: number): string => new Date(ms).toISOString();

export class CaseBook {
  readonly state: CaseState;
  readonly calendar: WorkingCalendar;
  readonly procedure: Procedure;
  /** How often each row has started, so a row that runs again gets its own step id and keys. */
  readonly occurrences: Record<string, number>;
  /** Letters already sent, by name: a letter goes once per case. */
  readonly lettersSent: Set<string>;
  /** Years whose non-working dates the calendar holds, and whether the office had recorded them. */
  private readonly years: Map<number, boolean>;
  private auditQueue: AuditInput[] = [];
  private emailQueue: EmailRequest[] = [];
  private readonly readModel = new ReadModelTracker();
  /** Set when this worker rebuilt the case from history: its next commit writes the whole case. */
  private rewriteWhole = false;
  private readonly searchAttributes = new Map<string, unknown>();
  private committing: Promise<void> = Promise.resolve();
  private lastCalendarCheck = 0;

  constructor(
    readonly input: SopCaseInput,
    readonly snapshot: ProfileSnapshot,
    workflowId: string,
    now: number,
    carried?: CarriedCase,
  ) {
    const { profile } = snapshot;
    this.procedure = profile.procedures.find((p) => p.id === input.procedureId)!;
    this.calendar = workingCalendar(snapshot);
    // A year unrecorded at the start is asked for again a day later, like one reached later.
    const missing = snapshot.missingYears ?? [];
    this.years = new Map(snapshot.years.map((y) => [y, !missing.includes(y)]));
    if (!carried) this.lastCalendarCheck = now;
    this.occurrences = { ...carried?.occurrences };
    this.lettersSent = new Set(carried?.lettersSent);
    const total = this.procedure.sla.total;
    this.state =
      carried?.state ??
      openingState({
        requestNumber: input.requestNumber,
        workflowId,
        profile: { id: profile.id, version: profile.version, agency: profile.agency.name },
        procedure: this.procedure,
        request: input.request,
        submittedAt: iso(now),
        totalDeadline: total ? iso(addWorkingDuration(now, total, this.calendar)) : undefined,
      });
    if (!carried) for (const y of missing) this.audit(`calendar/${y}`, 'calendarYearMissing', { details: { year: y } });
  }

  get profile() {
    return this.snapshot.profile;
  }

  get active(): boolean {
    return this.state.status === 'inProgress';
  }

  /** What a carried-over run needs besides the state (workflows/sop/carryOver.ts). */
  carryOver(): Omit<CarriedCase, 'state' | 'at'> {
    return {
      snapshot: {
        ...this.snapshot,
        nonWorkingDates: [...this.calendar.nonWorkingDates].sort(),
        years: [...this.years.keys()].sort(),
        missingYears: [...this.years].filter(([, known]) => !known).map(([y]) => y),
      },
      occurrences: this.occurrences,
      lettersSent: [...this.lettersSent],
    };
  }

  row(no: string): Activity {
    return this.procedure.activities.find((a) => a.no === no)!;
  }

  /** The latest decision of this kind, with its payload as that kind's schema has it. */
  lastDecision<K extends HumanActionKind>(kind: K): (DecisionRecord & { payload: DecisionPayload<K> }) | undefined {
    return [...this.state.decisions].reverse().find((d) => d.kind === kind) as (DecisionRecord & { payload: DecisionPayload<K> }) | undefined;
  }

  roleTitle(role: Role): string {
    return this.profile.roles[role]?.title ?? role;
  }

  stepRef(step: Pick<StepRecord, 'sopStep' | 'title' | 'performer'>): StepRef {
    return { sopStep: step.sopStep, title: step.title, performerTitle: this.roleTitle(step.performer) };
  }

  localTime(ms: number | string): string {
    return formatLocalDateTime(typeof ms === 'string' ? Date.parse(ms) : ms, this.profile.timeZone);
  }

  /** `key` names what happened (`8#1/started`, `decision/<decisionId>`, `case/closed`); it is the entry's id. */
  audit(key: string, event: string, extra: Omit<AuditInput, 'id' | 'at' | 'event'> = {}): void {
    this.auditQueue.push({ id: `${this.state.requestNumber}/${key}`, at: iso(Date.now()), event, ...extra });
  }

  /**
   * The calendar of the year the case is in and of the next one (a deadline may reach into it),
   * loaded when the case first gets there; a year the office had not recorded yet is asked again a
   * day later, so cuti bersama added meanwhile count from then on.
   */
  async ensureCalendar(now: number): Promise<void> {
    const year = Number(localDate(now, this.calendar).slice(0, 4));
    const wanted = [year, year + 1].filter((y) => this.years.get(y) !== true);
    if (!wanted.length) return;
    const recheckDue = wanted.some((y) => !this.years.has(y)) || now - this.lastCalendarCheck >= 24 * 3_600_000;
    if (!recheckDue) return;
    this.lastCalendarCheck = now;
    const loaded = await runActivity('loadWorkingYears', `Memuat kalender kerja ${wanted.join(', ')}`, { profileId: this.profile.id, years: wanted });
    for (const date of loaded.nonWorkingDates) this.calendar.nonWorkingDates.add(date);
    for (const y of wanted) {
      const known = !loaded.missing.includes(y);
      if (!this.years.has(y) && !known) this.audit(`calendar/${y}`, 'calendarYearMissing', { details: { year: y } });
      this.years.set(y, known);
    }
  }

  async enterStep(row: Activity): Promise<StepRecord> {
    const now = Date.now();
    await this.ensureCalendar(now);
    const occurrence = (this.occurrences[row.no] ?? 0) + 1;
    this.occurrences[row.no] = occurrence;
    const record: StepRecord = {
      sopStep: row.no,
      stepId: `${row.no}#${occurrence}`,
      title: row.title,
      performer: row.performer,
      performerTitle: this.roleTitle(row.performer),
      output: row.output,
      standard: row.duration,
      standardWorkingMinutes: row.duration ? durationToWorkingMinutes(row.duration, this.calendar) : undefined,
      startedAt: iso(now),
      deadline: row.duration ? iso(addWorkingDuration(now, row.duration, this.calendar)) : undefined,
    };
    this.state.steps.push(record);
    this.state.currentStep = record;
    this.audit(`${record.stepId}/started`, 'stepStarted', { stepId: record.stepId, sopStep: row.no, details: { deadline: record.deadline } });
    return record;
  }

  /** The applicant's letter: done at submission, recorded so the timeline starts at row 1. */
  async recordSubmittedStep(row: Activity): Promise<void> {
    const record = await this.enterStep(row);
    record.completedAt = record.startedAt;
    record.actualWorkingMinutes = 0;
    this.state.currentStep = null;
  }

  setPending(record: StepRecord, action: ProfileAction, rowPerformer: Role): PendingAction {
    const by = action.by ?? rowPerformer;
    record.pending = { kind: action.kind, label: action.label, by, byTitle: this.roleTitle(by) };
    return record.pending;
  }

  completeStep(record: StepRecord, outcome?: string): void {
    const now = Date.now();
    record.completedAt = iso(now);
    record.actualWorkingMinutes = Math.round(workingMinutesBetween(Date.parse(record.startedAt), now, this.calendar) * 100) / 100;
    // The whole-service standard counts the agency's own time: a row the applicant performs is apart.
    if (record.performer === 'applicant') this.state.applicantWaitMinutes = Math.round((this.state.applicantWaitMinutes + record.actualWorkingMinutes) * 100) / 100;
    record.pending = undefined;
    if (outcome) record.outcome = outcome;
    if (this.state.currentStep === record) this.state.currentStep = null;
    this.audit(`${record.stepId}/completed`, 'stepCompleted', { stepId: record.stepId, sopStep: record.sopStep, details: { outcome, actualWorkingMinutes: record.actualWorkingMinutes } });
  }

  recordDecision(kind: CaseState['decisions'][number]['kind'], record: StepRecord | null, decision: { decisionId: string; actor: Actor; payload: unknown }): void {
    this.state.decisions.push({
      decisionId: decision.decisionId,
      kind,
      stepId: record?.stepId ?? '',
      sopStep: record?.sopStep ?? '',
      actor: decision.actor,
      at: iso(Date.now()),
      payload: decision.payload,
    });
    this.audit(`decision/${decision.decisionId}`, `decision:${kind}`, { stepId: record?.stepId, sopStep: record?.sopStep, actor: decision.actor, details: decision.payload });
  }

  close(status: Exclude<CaseStatus, 'inProgress'>, reason: string): void {
    if (!this.active) return;
    const current = this.state.currentStep;
    if (current && !current.completedAt) this.completeStep(current, status);
    this.state.status = status;
    this.state.closedAt = iso(Date.now());
    this.state.closeReason = reason;
    this.audit('case/closed', 'closed', { details: { status, reason } });
  }

  markBreached(record: StepRecord): void {
    record.breachedAt = iso(Date.now());
    this.state.slaBreached = true;
    this.audit(`${record.stepId}/breached`, 'slaBreached', { stepId: record.stepId, sopStep: record.sopStep, details: { deadline: record.deadline } });
  }

  /** Runs an activity for this case as a local activity, with a summary naming the row it serves. */
  run<K extends keyof Activities>(name: K, summary: string, ...args: Parameters<Activities[K]>): Promise<Awaited<ReturnType<Activities[K]>>> {
    return runActivity(name, summary, ...args);
  }

  /** Gathers an email for the next commit. `key` names it (`8#1/reminder`); one email per key, ever. */
  email(key: string, to: Recipient[], intent: EmailIntent, cc?: Recipient[]): void {
    const request = this.state.submission;
    this.emailQueue.push({
      key: `${this.state.requestNumber}/${key}`,
      to,
      cc,
      intent,
      requestNumber: this.state.requestNumber,
      profileId: this.profile.id,
      procedureTitle: this.procedure.title,
      applicantEmail: this.state.applicantEmail,
      applicantUnit: this.state.applicantUnit,
      domain: requestDomain(request),
      agency: this.profile.agency.name,
    });
  }

  /**
   * Each time the case is about to wait: one local activity writes the audit entries, the read
   * model's changes and the emails gathered since the last commit, and the search attributes that
   * changed are upserted once. Commits run one after the other and are not interrupted by a
   * cancellation: a commit is written whole.
   */
  commit(): Promise<void> {
    this.committing = this.committing.then(() => CancellationScope.nonCancellable(() => this.writeCommit()));
    return this.committing;
  }

  private async writeCommit(): Promise<void> {
    // A new case, or a run carried over from the previous one: the first commit writes it whole.
    const first = this.readModel.fresh;
    const delta = this.readModel.delta(this.state);
    if (!first && delta.empty && !this.auditQueue.length && !this.emailQueue.length) return;
    // A commit replayed from history was written by an earlier run, maybe one whose workflow task
    // was lost (a crashed worker) with times that differ by milliseconds from the ones replayed.
    // The first commit this run makes itself writes the whole case, so the record converges.
    const replaying = workflowInfo().unsafe.isReplaying;
    const whole = first || (this.rewriteWhole && !replaying);
    this.rewriteWhole = replaying;
    this.state.revision += 1;
    const commit: CaseCommit = {
      requestNumber: this.state.requestNumber,
      revision: this.state.revision,
      fields: readModelFields(this.state),
      summary: requestSummaryFields(this.state),
      ...(whole ? { state: this.state, set: {}, unset: [] } : { set: delta.set, unset: delta.unset }),
      audit: this.auditQueue,
      emails: this.emailQueue,
    };
    this.auditQueue = [];
    this.emailQueue = [];
    this.upsertChangedSearchAttributes();
    await runActivity('commitCase', `Mencatat permohonan (revisi ${commit.revision})`, commit);
    delta.accept();
  }

  private upsertChangedSearchAttributes(): void {
    const { state } = this;
    const pending = state.currentStep;
    const wanted: SearchAttributeUpdatePair[] = [
      { key: SA.agency, value: state.agency },
      { key: SA.applicantUnit, value: state.applicantUnit },
      { key: SA.requestNumber, value: state.requestNumber },
      { key: SA.procedure, value: state.procedureId },
      { key: SA.status, value: state.status },
      { key: SA.currentStep, value: pending ? `${pending.sopStep} ${pending.title}`.slice(0, 200) : state.status },
      { key: SA.slaBreached, value: state.slaBreached },
    ];
    const changed = wanted.filter((pair) => this.searchAttributes.get(pair.key.name) !== pair.value);
    if (!changed.length) return;
    upsertSearchAttributes(changed);
    for (const pair of changed) this.searchAttributes.set(pair.key.name, pair.value);
  }
}
