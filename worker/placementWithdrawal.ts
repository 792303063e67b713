// How a register review reaches the placement's withdrawal (pencabutan) procedure from the worker:
// the one place that binds `requestPlacementWithdrawal` to the worker's Temporal client.
import type { Client } from '@temporalio/client';
import { requestPlacementWithdrawal } from '../activities/placement/requestWithdrawal';
import type { RegisterReviewDeps } from '../activities/registerReview';

export function placementWithdrawalDeps(client: Client): RegisterReviewDeps {
  return { requestPlacementWithdrawal: async (input) => void (await requestPlacementWithdrawal(client, input)) };
}
