// The placement workflow's activities and the withdrawal's release (workflows/placement.ts, workflows/sop/effects.ts).
import type { CommitDeps } from '../commit';
import { allocateWithdrawalNumber } from './numbers';
import { commitPlacement, PlacementCommit } from './commit';
import { releasePlacement } from './release';
import { loadPlacementSettings } from './settings';

export function createPlacementActivities(deps: CommitDeps) {
  return {
    loadPlacementSettings,
    commitPlacement: (commit: PlacementCommit) => commitPlacement(commit, deps),
    allocateWithdrawalNumber,
    releasePlacement,
  };
}
