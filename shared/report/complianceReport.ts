// Computes the SOP compliance report from finished cases (pure: the caller reads the records).
//
// What counts, and why:
// - A case counts in the period its closedAt falls in (agency time zone); a case still running is
//   left out, so a report once printed for a closed period does not change afterwards.
// - A row counts once per run (a redelivery runs a row again); a row a withdrawal or cancellation cut
//   short is left out: nobody finished it. A row closed by expiry counts: it overran.
// - On time: the run was never marked breached and took no longer than the standard it ran under.
// - The whole service counts only cases that ended "completed" (a rejection ends early and would
//   flatter it). The agency's own time is the sum of the rows it performs; the time waiting on the
//   applicant (their rows, state.applicantWaitMinutes) is shown apart and, as the workflow does for
//   the total deadline, not held against the agency.
import type { CaseStatus } from '../caseState';
import type { Activity, Procedure, Profile, SopDuration } from '../profile/schema';
import { durationToWorkingMinutes, formatSopDuration, workingCalendar, type WorkingCalendar } from '../workingTime';
import type { ComplianceReport, ProcedureCompliance, ServiceCompliance, StepCompliance } from './complianceReportSchema';
import type { FinishedCase, FinishedStep } from './finishedCase';
import { nearestRankMedian, nearestRankPercentile } from './percentile';
import { periodBounds, periodCode, periodLabel, type ReportPeriod } from './period';

const INTERRUPTED_OUTCOMES: ReadonlySet<string> = new Set<CaseStatus>(['withdrawn', 'cancelled']);

interface Run {
  requestNumber: string;
  step: FinishedStep & { completedAt: string; actualWorkingMinutes: number };
}

function countedRuns(c: FinishedCase): Run[] {
  const runs: Run[] = [];
  for (const step of c.steps) {
    if (step.completedAt === undefined || step.actualWorkingMinutes === undefined) continue;
    if (step.outcome !== undefined && INTERRUPTED_OUTCOMES.has(step.outcome)) continue;
    runs.push({ requestNumber: c.requestNumber, step: { ...step, completedAt: step.completedAt, actualWorkingMinutes: step.actualWorkingMinutes } });
  }
  return runs;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
const percentOf = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

function standardOf(duration: SopDuration | undefined, cal: WorkingCalendar): StepCompliance['standard'] {
  return duration ? { text: formatSopDuration(duration), workingMinutes: durationToWorkingMinutes(duration, cal) } : null;
}

function isOnTime(step: Run['step']): boolean {
  return !step.breachedAt && step.standardWorkingMinutes !== undefined && step.actualWorkingMinutes <= step.standardWorkingMinutes;
}

function stepCompliance(row: Pick<Activity, 'no' | 'title' | 'performer' | 'duration'>, performerTitle: string, runs: Run[], cal: WorkingCalendar): StepCompliance {
  const minutes = runs.map((r) => r.step.actualWorkingMinutes);
  const assessed = runs.filter((r) => r.step.standardWorkingMinutes !== undefined);
  const onTime = assessed.filter((r) => isOnTime(r.step)).length;
  return {
    sopStep: row.no,
    title: row.title,
    performer: row.performer,
    performerTitle,
    applicantTime: row.performer === 'applicant',
    standard: standardOf(row.duration, cal),
    cases: new Set(runs.map((r) => r.requestNumber)).size,
    runs: runs.length,
    medianMinutes: nearestRankMedian(minutes),
    p90Minutes: nearestRankPercentile(minutes, 90),
    assessed: assessed.length,
    onTime,
    onTimePercent: percentOf(onTime, assessed.length),
    breaches: runs.filter((r) => r.step.breachedAt).length,
    escalations: runs.filter((r) => r.step.escalatedAt).length,
  };
}

function serviceCompliance(procedure: Procedure, cases: FinishedCase[], cal: WorkingCalendar): ServiceCompliance {
  const completed = cases.filter((c) => c.status === 'completed');
  const agencyMinutes = completed.map((c) => round2(countedRuns(c).filter((r) => r.step.performer !== 'applicant').reduce((sum, r) => sum + r.step.actualWorkingMinutes, 0)));
  const waits = completed.map((c) => c.applicantWaitMinutes);
  const standard = standardOf(procedure.sla.total, cal);
  const onTime = standard ? agencyMinutes.filter((m) => m <= standard.workingMinutes).length : null;
  return {
    standard,
    cases: completed.length,
    agencyMedianMinutes: nearestRankMedian(agencyMinutes),
    agencyP90Minutes: nearestRankPercentile(agencyMinutes, 90),
    onTime,
    onTimePercent: onTime === null ? null : percentOf(onTime, completed.length),
    applicantWaitMedianMinutes: nearestRankMedian(waits),
    applicantWaitP90Minutes: nearestRankPercentile(waits, 90),
    applicantWaitTotalMinutes: round2(waits.reduce((sum, w) => sum + w, 0)),
  };
}

function procedureCompliance(profile: Profile, procedure: Procedure, cases: FinishedCase[], cal: WorkingCalendar): ProcedureCompliance {
  const runsByRow = new Map<string, Run[]>();
  for (const run of cases.flatMap(countedRuns)) {
    const list = runsByRow.get(run.step.sopStep) ?? [];
    list.push(run);
    runsByRow.set(run.step.sopStep, list);
  }
  const titleOf = (role: Activity['performer']): string => profile.roles[role]?.title ?? role;
  const steps = procedure.activities.map((row) => stepCompliance(row, titleOf(row.performer), runsByRow.get(row.no) ?? [], cal));
  // Rows that cases of an older profile version ran but the SOP no longer has: shown after, as recorded.
  const known = new Set(procedure.activities.map((row) => row.no));
  for (const [no, runs] of runsByRow) {
    const first = runs[0]?.step;
    if (known.has(no) || !first) continue;
    steps.push(stepCompliance({ no, title: first.title, performer: first.performer, duration: first.standard }, first.performerTitle ?? titleOf(first.performer), runs, cal));
  }
  const statuses: ProcedureCompliance['statuses'] = {};
  for (const c of cases) statuses[c.status] = (statuses[c.status] ?? 0) + 1;
  return {
    procedureId: procedure.id,
    title: procedure.title,
    sopNumber: procedure.sop.number ?? null,
    cases: cases.length,
    statuses,
    steps,
    service: serviceCompliance(procedure, cases, cal),
  };
}

/** Whoever approved the SOP signs its evaluation; where no procedure names one, the head of the agency, name left blank. */
function signatoryOf(profile: Profile): ComplianceReport['signatory'] {
  const approver = profile.procedures.map((p) => p.sop.approvedBy).find((a) => a !== undefined);
  if (approver) return { title: approver.title, name: approver.name ?? null, nip: approver.nip ?? null };
  return { title: profile.roles.kadis?.title ?? `Kepala ${profile.agency.name}`, name: null, nip: null };
}

/** The report of one agency's SOP book over a period, from cases of any period (those outside are skipped). */
export function complianceReport(profile: Profile, period: ReportPeriod, cases: readonly FinishedCase[], now = new Date()): ComplianceReport {
  const { fromMs, toMs } = periodBounds(period, profile.timeZone);
  const inPeriod = cases.filter((c) => {
    const closed = Date.parse(c.closedAt);
    return closed >= fromMs && closed < toMs;
  });
  // Only the length of a working day matters here ("1 hari" in minutes), not which days are off.
  const cal = workingCalendar({ profile, nonWorkingDates: [], years: [] });
  return {
    profileId: profile.id,
    agency: { name: profile.agency.name, region: profile.agency.region },
    timeZone: profile.timeZone,
    period: { code: periodCode(period), label: periodLabel(period), from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
    generatedAt: now.toISOString(),
    percentileMethod: 'nearest-rank',
    cases: inPeriod.filter((c) => profile.procedures.some((p) => p.id === c.procedureId)).length,
    procedures: profile.procedures.map((procedure) => procedureCompliance(profile, procedure, inPeriod.filter((c) => c.procedureId === procedure.id), cal)),
    signatory: signatoryOf(profile),
  };
}
