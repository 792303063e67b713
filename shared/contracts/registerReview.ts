// The contract of the yearly register review, in one place for the workflow, the worker's
// Schedule, the API and the tests: type names, IDs, the query, the Updates and their payloads.
// One review per agency (profile) and year: `register-review-kaltim-2026`. A second open of the
// same year joins the running review; a finished year is not opened again.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { actorSchema, decisionIdSchema } from '../decisions';
import { reviewTaskBodySchemas } from '../reviewAnswers';
import { text } from '../text';
export { SA } from '../searchAttributes';
export { reviewCorrectionSchema, reviewTaskBodySchemas, type ReviewCorrection } from '../reviewAnswers';
export { registerReviewInputV1 as registerReviewInputSchema, type RegisterReviewInputV1 as RegisterReviewInput } from './registerReviewInput.v1';
export { registerReviewOpenerInputV1 as registerReviewOpenerInputSchema, type RegisterReviewOpenerInputV1 as RegisterReviewOpenerInput } from './registerReviewInput.v1';

export const REGISTER_REVIEW_WORKFLOW_TYPE = 'registerReviewWorkflow';
export const REGISTER_REVIEW_OPENER_WORKFLOW_TYPE = 'registerReviewOpenerWorkflow';
/** The SOP-case search attribute `KolokasiProcedure` says what a workflow is; reviews are this. */
export const REGISTER_REVIEW_PROCEDURE = 'register-review';

export function registerReviewWorkflowId(profileId: string, year: number): string {
  return `register-review-${profileId}-${year}`;
}

/** One Schedule per agency; its action opens that year's review. */
export function registerReviewScheduleId(profileId: string): string {
  return `register-review-${profileId}`;
}

/** A task's id in review_tasks and in the API: the asset id, which may hold a slash (`KTM-2026-0001/srv-1`). */
export function reviewTaskId(reviewId: string, assetId: string): string {
  return `${reviewId}/${assetId}`;
}

export const reviewTaskStates = ['open', 'confirmed', 'corrected', 'missing'] as const;
export type ReviewTaskState = (typeof reviewTaskStates)[number];
export type ReviewOutcome = Exclude<ReviewTaskState, 'open'>;

export interface ReviewCounts {
  total: number;
  open: number;
  confirmed: number;
  corrected: number;
  missing: number;
}

/** What the workflow answers about itself: enough for the API to say where the review stands. */
export interface ReviewView {
  reviewId: string;
  profileId: string;
  agency: string;
  year: number;
  status: 'open' | 'completed';
  openedAt: string;
  deadline: string;
  remindedAt?: string;
  escalatedAt?: string;
  completedAt?: string;
  counts: ReviewCounts;
}

export const reviewViewQuery = defineQuery<ReviewView>('reviewView');

/** Sent with the start (Update-with-Start): answers once every task is written and the review waits. */
export const reviewOpenedUpdate = defineUpdate<ReviewView>('reviewOpened');


const common = { decisionId: decisionIdSchema, actor: actorSchema, assetId: text(200) };
export const reviewTaskActionSchema = z.discriminatedUnion('outcome', [
  z.object({ ...common, outcome: z.literal('confirmed'), ...reviewTaskBodySchemas.confirm.shape }),
  z.object({ ...common, outcome: z.literal('corrected'), ...reviewTaskBodySchemas.correct.shape }),
  z.object({ ...common, outcome: z.literal('missing'), ...reviewTaskBodySchemas.missing.shape }),
]);
export type ReviewTaskAction = z.infer<typeof reviewTaskActionSchema>;

export interface ReviewTaskResult {
  /** True when this decisionId had already been applied: nothing changed again. */
  duplicate: boolean;
  assetId: string;
  state: ReviewTaskState;
  review: ReviewView;
}

export const reviewTaskUpdate = defineUpdate<ReviewTaskResult, [ReviewTaskAction]>('reviewTask');
