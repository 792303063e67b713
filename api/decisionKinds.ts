// One endpoint per kind of human action, whatever procedure records it: its path segment. Who may
// take it on a case is the case's own business (its current step's pending action), not a profile's.
import type { HumanActionKind } from '../shared/profile/actions';

export const decisionSegments: Record<HumanActionKind, string> = {
  disposition: 'disposition',
  clarification: 'clarification',
  capacityCheck: 'capacity-check',
  powerCheck: 'power-check',
  applicationForm: 'application-form',
  approval: 'approval',
  deviceDelivery: 'device-delivery',
  specVerification: 'spec-verification',
  installation: 'installation',
  handover: 'handover',
  backupPlan: 'backup-plan',
  backupRun: 'backup-run',
  backupStop: 'backup-stop',
  restoreRun: 'restore-run',
  restoreReport: 'restore-report',
  decision: 'decision',
  task: 'task',
  withdrawalApproval: 'withdrawal-approval',
  removal: 'removal',
};

/** Every human action kind, in the order the docs list them. */
export const humanActionKinds = Object.keys(decisionSegments) as HumanActionKind[];

export function isHumanActionKind(kind: string): kind is HumanActionKind {
  return Object.hasOwn(decisionSegments, kind);
}

export function decisionPath(requestNumber: string, kind: HumanActionKind): string {
  return `/requests/${requestNumber}/decisions/${decisionSegments[kind]}`;
}

export const withdrawalPath = (requestNumber: string): string => `/requests/${requestNumber}/withdrawal`;
export const stopPath = (requestNumber: string): string => `/requests/${requestNumber}/stop`;
