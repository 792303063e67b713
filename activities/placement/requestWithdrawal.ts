// "Start a withdrawal of the placement that holds asset X, by staff, with a reason": what the yearly
// register review calls for an asset found missing, and any other caller outside a placement's own
// API. The request id comes from the asset and the reason, so asking again (a retried activity) is
// answered as the same request, never a second withdrawal.
import { ApplicationFailure, type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { createHash } from 'node:crypto';
import { placementStateQuery, placementWorkflowId, requestWithdrawalUpdate, type PlacementState } from '../../shared/contracts/placement';
import { Asset } from '../../shared/db/asset';
import { DECISION_REFUSED, type Actor, type RefusalDetails } from '../../shared/decisions';

export interface PlacementWithdrawalStarted {
  placementNumber: string;
  withdrawalNumber?: string;
  workflowId?: string;
  /** True when this request had been made before (nothing new was started). */
  duplicate: boolean;
  placement: PlacementState;
}

export class UnknownAssetError extends Error {
  constructor(readonly assetId: string) {
    super(`asset ${assetId} is not in the asset register`);
    this.name = 'UnknownAssetError';
  }
}

export async function requestPlacementWithdrawal(client: Client, input: { assetId: string; reason: string; requestedBy: Actor }): Promise<PlacementWithdrawalStarted> {
  const asset = await Asset.findById(input.assetId, { requestNumber: 1 }).lean();
  if (!asset) throw new UnknownAssetError(input.assetId);
  const placementNumber = asset.requestNumber;
  const requestId = `asset-${createHash('sha256').update(`${input.assetId}\n${input.reason}`).digest('hex').slice(0, 32)}`;
  const handle = client.workflow.getHandle(placementWorkflowId(placementNumber));
  let result: { duplicate: boolean; placement: PlacementState };
  try {
    result = await handle.executeUpdate(requestWithdrawalUpdate, { args: [{ requestId, actor: input.requestedBy, reason: input.reason }], updateId: requestId });
  } catch (error) {
    // Already being withdrawn, or withdrawn: what the caller wanted is under way or done.
    if (!(error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === DECISION_REFUSED)) throw error;
    const code = (error.cause.details?.[0] as RefusalDetails | undefined)?.code;
    if (code !== 'OUT_OF_TURN' && code !== 'CLOSED') throw error;
    const placement = await handle.query(placementStateQuery);
    if (placement.status === 'active') throw error;
    result = { duplicate: true, placement };
  }
  const withdrawal = result.placement.withdrawal;
  return { placementNumber, withdrawalNumber: withdrawal?.withdrawalNumber, workflowId: withdrawal?.workflowId, duplicate: result.duplicate, placement: result.placement };
}
