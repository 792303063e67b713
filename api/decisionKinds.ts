// One endpoint per kind of human decision: its path segment, and which roles the case's SOP profile
// lets decide it anywhere (the static check the API makes before asking the workflow).
import type { HumanActionKind, Profile, Role } from '../shared/profile/schema';
import { isSubmissionStep } from '../shared/profile/submissionStep';

export const decisionSegments: Record<HumanActionKind, string> = {
  disposition: 'disposition',
  clarification: 'clarification',
  capacityCheck: 'capacity-check',
  applicationForm: 'application-form',
  approval: 'approval',
  deviceDelivery: 'device-delivery',
  specVerification: 'spec-verification',
  installation: 'installation',
  handover: 'handover',
  task: 'task',
};

export function decisionPath(requestNumber: string, kind: HumanActionKind): string {
  return `/requests/${requestNumber}/decisions/${decisionSegments[kind]}`;
}

export const withdrawalPath = (requestNumber: string): string => `/requests/${requestNumber}/withdrawal`;

/**
 * The roles that record `kind` somewhere in the profile (an action's `by`, else the step's performer).
 * The opening request-letter step is left out: the workflow records it at submission.
 */
export function rolesDeciding(profile: Profile, kind: HumanActionKind): Set<Role> {
  const roles = new Set<Role>();
  profile.steps.forEach((step, index) => {
    if (isSubmissionStep(step, index)) return;
    for (const action of step.actions) if (action.kind === kind) roles.add(action.by ?? step.performer);
  });
  return roles;
}
