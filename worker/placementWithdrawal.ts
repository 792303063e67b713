// How a register review reaches the placement's withdrawal (pencabutan) procedure from the worker.
// The procedure lives in activities/placement/requestWithdrawal.ts as
// `requestPlacementWithdrawal(client, input)`; this adapter is the one place that binds it to the
// worker's Temporal client. Until it is bound, a missing server's withdrawal fails, is retried by
// its activity and stays visible in the review's history: nothing is silently dropped.
import type { Client } from '@temporalio/client';
import { RegisterReviewDeps, unwiredRegisterReviewDeps } from '../activities/registerReview';

export function placementWithdrawalDeps(_client: Client): RegisterReviewDeps {
  return unwiredRegisterReviewDeps;
}
