// The placement workflow's activities and the withdrawal's release (workflows/placement.ts, workflows/sop/effects.ts).
import { allocateWithdrawalNumber } from './numbers';
import { commitPlacement } from './commit';
import { releasePlacement } from './release';
import { loadPlacementSettings } from './settings';

export function createPlacementActivities() {
  return { loadPlacementSettings, commitPlacement, allocateWithdrawalNumber, releasePlacement };
}
