// The case's state and the bookkeeping around it: every change goes through here, so the audit
// trail, the read model and the Temporal UI's search attributes always tell the same story.
//
// Two paths, chosen once when a case starts (see docs/VERSIONING.md). Cases started before the
// lean path write their whole state (`flush`) and send each email as they go, each an activity.
// Lean cases gather audit entries, read model changes and emails, and write them in one local
// activity (`commit`) each time the case waits: a small delta, never the whole state again.
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { CancellationScope, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CaseCommit } from '../../activities/commit';
import type { AuditInput } from '../../activities/records';
import type { Activities } from '../../activities';
import type { CaseState, CaseStatus, PendingAction, StepRecord } from '../../shared/caseState';
import type { EmailIntent, EmailRequest, Recipient, StepRef } from '../../shared/emails';
import type { Actor } from '../../shared/decisions';
import type { ProfileAction, ProfileSnapshot, ProfileStep, Role } from '../../shared/profile/schema';
import { readModelFields } from '../../shared/readModel';
import { SA } from '../../shared/searchAttributes';
import type { ColocationInput } from '../../shared/workflowInput';
import { addWorkingDuration, durationToWorkingMinutes, formatLocalDateTime, workingCalendar, WorkingCalendar, workingMinutesBetween } from '../../shared/workingTime';
import { acts, runActivity } from './activities';
import { ReadModelTracker } from './readModelDelta';

const iso = (ms: number): string => new Date(ms).toISOString();

export class CaseBook {
  readonly state: CaseState;
  readonly calendar: WorkingCalendar;
  /** Emails already sent for one-off letters, so a profile step and the closing never both send one. */
  readonly notified = new Set<string>();
  private auditQueue: AuditInput[] = [];
  private sequence = 0;
  /** Lean path: emails gathered for the next commit, and what the last commits wrote. */
  private emailQueue: EmailRequest[] = [];
  private readonly readModel = new ReadModelTracker();
  /** Set when this worker rebuilt the case from history: its next commit writes the whole case. */
  private rewriteWhole = false;
  private readonly searchAttributes = new Map<string, unknown>();
  private committing: Promise<void> = Promise.resolve();

  constructor(
    readonly input: ColocationInput,
    readonly snapshot: ProfileSnapshot,
    workflowId: string,
    now: number,
    /** False for cases started before the lean path: they keep writing as they always did. */
    readonly lean: boolean,
  ) {
    const { profile } = snapshot;
    this.calendar = workingCalendar(snapshot);
    this.state = {
      requestNumber: input.requestNumber,
      workflowId,
      profileId: profile.id,
      profileVersion: profile.version,
      agency: profile.agency.name,
      applicantUnit: input.submission.form.unitName,
      applicantEmail: input.submission.applicantEmail,
      status: 'inProgress',
      currentStep: null,
      slaBreached: false,
      submittedAt: iso(now),
      totalDeadline: profile.sla.total ? iso(addWorkingDuration(now, profile.sla.total, this.calendar)) : undefined,
      revision: 0,
      submission: input.submission,
      steps: [],
      decisions: [],
      capacity: {},
    };
  }

  get profile() {
    return this.snapshot.profile;
  }

  get active(): boolean {
    return this.state.status === 'inProgress';
  }

  roleTitle(role: Role): string {
    return this.profile.roles[role]?.title ?? role;
  }

  stepRef(step: ProfileStep): StepRef {
    return { sopStep: step.sopStep, title: step.title, performerTitle: this.roleTitle(step.performer) };
  }

  localTime(ms: number | string): string {
    return formatLocalDateTime(typeof ms === 'string' ? Date.parse(ms) : ms, this.profile.timeZone);
  }

  audit(event: string, extra: Omit<AuditInput, 'id' | 'at' | 'event'> = {}): void {
    this.auditQueue.push({ id: `${this.state.requestNumber}#${++this.sequence}`, at: iso(Date.now()), event, ...extra });
  }

  enterStep(step: ProfileStep): StepRecord {
    const now = Date.now();
    const record: StepRecord = {
      stepId: step.id,
      sopStep: step.sopStep,
      title: step.title,
      performer: step.performer,
      performerTitle: this.roleTitle(step.performer),
      output: step.output,
      standard: step.duration,
      standardWorkingMinutes: step.duration ? durationToWorkingMinutes(step.duration, this.calendar) : undefined,
      startedAt: iso(now),
      deadline: step.duration ? iso(addWorkingDuration(now, step.duration, this.calendar)) : undefined,
    };
    this.state.steps.push(record);
    this.state.currentStep = record;
    this.audit('stepStarted', { stepId: step.id, sopStep: step.sopStep, details: { deadline: record.deadline } });
    return record;
  }

  /** The request letter itself: done at submission, recorded so the timeline starts at step 1. */
  recordSubmittedStep(step: ProfileStep): void {
    const record = this.enterStep(step);
    record.completedAt = record.startedAt;
    record.actualWorkingMinutes = 0;
    this.state.currentStep = null;
  }

  setPending(step: StepRecord, action: ProfileAction, stepPerformer: Role): PendingAction {
    const by = action.by ?? stepPerformer;
    step.pending = { kind: action.kind, label: action.label, by, byTitle: this.roleTitle(by) };
    return step.pending;
  }

  completeStep(record: StepRecord, outcome?: string): void {
    const now = Date.now();
    record.completedAt = iso(now);
    record.actualWorkingMinutes = Math.round(workingMinutesBetween(Date.parse(record.startedAt), now, this.calendar) * 100) / 100;
    record.pending = undefined;
    if (outcome) record.outcome = outcome;
    if (this.state.currentStep === record) this.state.currentStep = null;
    this.audit('stepCompleted', { stepId: record.stepId, sopStep: record.sopStep, details: { outcome, actualWorkingMinutes: record.actualWorkingMinutes } });
  }

  recordDecision(kind: string, record: StepRecord | null, decision: { decisionId: string; actor: Actor; payload: unknown }): void {
    this.state.decisions.push({
      decisionId: decision.decisionId,
      kind: kind as CaseState['decisions'][number]['kind'],
      stepId: record?.stepId ?? '',
      sopStep: record?.sopStep ?? '',
      actor: decision.actor,
      at: iso(Date.now()),
      payload: decision.payload,
    });
    this.audit(`decision:${kind}`, { stepId: record?.stepId, sopStep: record?.sopStep, actor: decision.actor, details: decision.payload });
  }

  close(status: Exclude<CaseStatus, 'inProgress'>, reason: string): void {
    if (!this.active) return;
    const current = this.state.currentStep;
    if (current && !current.completedAt) this.completeStep(current, status);
    this.state.status = status;
    this.state.closedAt = iso(Date.now());
    this.state.closeReason = reason;
    this.audit('closed', { details: { status, reason } });
  }

  markBreached(record: StepRecord): void {
    record.breachedAt = iso(Date.now());
    this.state.slaBreached = true;
    this.audit('slaBreached', { stepId: record.stepId, sopStep: record.sopStep, details: { deadline: record.deadline } });
  }

  /** Runs an activity for this case: locally on the lean path. */
  run<K extends keyof Activities>(name: K, summary: string, ...args: Parameters<Activities[K]>): Promise<Awaited<ReturnType<Activities[K]>>> {
    return runActivity(this.lean, name, summary, ...args);
  }

  /** Pre-lean path: writes the state and pending audit entries and refreshes the search attributes. */
  async flush(): Promise<void> {
    if (this.lean) return;
    this.state.revision += 1;
    const audit = this.auditQueue;
    this.auditQueue = [];
    const pending = this.state.currentStep;
    upsertSearchAttributes([
      { key: SA.status, value: this.state.status },
      { key: SA.currentStep, value: pending ? `${pending.sopStep} ${pending.title}`.slice(0, 200) : this.state.status },
      { key: SA.slaBreached, value: this.state.slaBreached },
    ]);
    // Activity arguments are serialized when scheduled, so this records the state as of now.
    await acts.recordCaseState({ state: this.state, audit });
  }

  /** Sends an email (pre-lean path) or gathers it for the next commit (lean path). */
  async email(to: Recipient[], intent: EmailIntent, summary: string, cc?: Recipient[]): Promise<void> {
    const form = this.state.submission.form;
    const request: EmailRequest = {
      key: `${this.state.requestNumber}/email-${++this.sequence}-${intent.template}`,
      to,
      cc,
      intent,
      requestNumber: this.state.requestNumber,
      profileId: this.profile.id,
      applicantEmail: this.state.applicantEmail,
      applicantUnit: this.state.applicantUnit,
      domain: form.domain,
      agency: this.profile.agency.name,
    };
    if (this.lean) this.emailQueue.push(request);
    else await runActivity(false, 'sendCaseEmail', summary, request);
  }

  /**
   * Lean path, each time the case is about to wait: one local activity writes the audit entries,
   * the read model's changes and the emails gathered since the last commit, and the search
   * attributes that changed are upserted once. Commits run one after the other, and are not
   * interrupted by a cancellation: a commit is written whole.
   */
  commit(): Promise<void> {
    this.committing = this.committing.then(() => CancellationScope.nonCancellable(() => this.writeCommit()));
    return this.committing;
  }

  private async writeCommit(): Promise<void> {
    const first = this.state.revision === 0;
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
      ...(whole ? { state: this.state, set: {}, unset: [] } : { set: delta.set, unset: delta.unset }),
      audit: this.auditQueue,
      emails: this.emailQueue,
    };
    this.auditQueue = [];
    this.emailQueue = [];
    this.upsertChangedSearchAttributes();
    await runActivity(true, 'commitCase', `Mencatat permohonan (revisi ${commit.revision})`, commit);
    delta.accept();
  }

  private upsertChangedSearchAttributes(): void {
    const { state } = this;
    const pending = state.currentStep;
    const wanted: SearchAttributeUpdatePair[] = [
      { key: SA.agency, value: state.agency },
      { key: SA.applicantUnit, value: state.applicantUnit },
      { key: SA.requestNumber, value: state.requestNumber },
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
