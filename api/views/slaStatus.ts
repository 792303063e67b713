// A step's standing against its mutu baku time, as a person reading the case would judge it.
import type { StepRecord } from '../../shared/caseState';

export const slaStatuses = ['onTime', 'breached', 'running', 'overdue', 'noStandard'] as const;
export type SlaStatus = (typeof slaStatuses)[number];

export function slaStatus(step: Pick<StepRecord, 'deadline' | 'completedAt' | 'breachedAt'>, nowMs: number): SlaStatus {
  if (!step.deadline) return 'noStandard';
  const deadline = Date.parse(step.deadline);
  if (step.completedAt) return step.breachedAt || Date.parse(step.completedAt) > deadline ? 'breached' : 'onTime';
  return step.breachedAt || nowMs > deadline ? 'overdue' : 'running';
}

export function isOverdue(deadline: string | Date | null | undefined, nowMs: number): boolean {
  if (!deadline) return false;
  return (deadline instanceof Date ? deadline.getTime() : Date.parse(deadline)) < nowMs;
}
