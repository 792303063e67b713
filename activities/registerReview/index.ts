// The register review's activities. Withdrawing a server found missing is the placement's own
// procedure (activities/placement/requestWithdrawal.ts): it reaches here as an injected function,
// wired by the worker, so tests pass a fake that records what was asked.
import type { Actor } from '../../shared/decisions';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { ReviewTask } from '../../shared/db/registerReview';
import { reviewTaskId } from '../../shared/contracts/registerReview';
import type { WebLinks } from '../emails/links';
import { enqueueReviewEmail, ReviewEmail } from './emails';
import { recordReviewOutcome } from './outcomes';
import { finishReview, FinishReviewInput, writeReviewRecord } from './report';
import { openReviewTasks } from './tasks';

export interface PlacementWithdrawalRequest {
  assetId: string;
  reason: string;
  requestedBy: Actor;
}

export interface RegisterReviewDeps {
  /** Starts the withdrawal (pencabutan) of a placed server; idempotent per asset. */
  requestPlacementWithdrawal(input: PlacementWithdrawalRequest): Promise<unknown>;
}

/** Until the worker points it at the placement's procedure, a missing server's withdrawal waits, retried and visible. */
export const unwiredRegisterReviewDeps: RegisterReviewDeps = {
  async requestPlacementWithdrawal() {
    throw new Error('requestPlacementWithdrawal is not wired: pass deps.registerReview to createActivities (worker/createWorker.ts)');
  },
};

export function createRegisterReviewActivities(links: WebLinks, deps: RegisterReviewDeps = unwiredRegisterReviewDeps) {
  return {
    openReviewTasks,
    recordReviewOutcome,
    writeReviewRecord,
    finishReview: (input: FinishReviewInput) => finishReview(input, links),
    async sendReviewEmail(email: ReviewEmail): Promise<void> {
      await enqueueReviewEmail(email, links);
    },
    async requestMissingAssetWithdrawal(input: PlacementWithdrawalRequest & { reviewId: string; at: string }): Promise<void> {
      await deps.requestPlacementWithdrawal({ assetId: input.assetId, reason: input.reason, requestedBy: input.requestedBy });
      await retryWhileBusy(() => ReviewTask.updateOne({ _id: reviewTaskId(input.reviewId, input.assetId) }, { $set: { withdrawalRequestedAt: new Date(input.at) } }));
    },
  };
}
