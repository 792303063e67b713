import type { ProfileStep } from './schema';

/**
 * The opening request-letter step (an applicant task at index 0): the workflow records it as done at
 * submission, so nobody ever decides it. Jateng's opening step is a disposition and runs normally.
 */
export function isSubmissionStep(step: ProfileStep, index: number): boolean {
  return index === 0 && step.performer === 'applicant' && step.actions.every((a) => a.kind === 'task');
}
