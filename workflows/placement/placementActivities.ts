// The placement's activities: ordinary ones (it waits months between them, so nothing is gained by
// running them inside a workflow task), retried until the store answers; each is idempotent.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

export const placementActivities = proxyActivities<Pick<Activities, 'loadPlacementSettings' | 'commitPlacement' | 'allocateWithdrawalNumber'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});
