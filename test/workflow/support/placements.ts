// Drives a colocation to go-live and reaches the placement it starts, and the withdrawal cases a
// placement starts: shared by the placement tests and the recording of its replay histories.
import type { WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { CaseRequest } from '../../../shared/caseState';
import { PlacementInput, placementStateQuery, placementWorkflowId, requestExtensionUpdate, requestWithdrawalUpdate, type PlacementState, type PlacementUpdateResult } from '../../../shared/contracts/placement';
import { placementWorkflow } from '../../../workflows/placement';
import type { Role } from '../../../shared/profile/schema';
import { aColocationRequest } from '../../fixtures/submission';
import { actorFor, driveToEnd, eventually, Harness } from './caseHarness';
import { startWithUpdate } from './startWithUpdate';

/** A colocation request whose term ends on `until` (a temporary placement). */
export function aTemporaryColocation(until: string): CaseRequest {
  const request = aColocationRequest();
  if (request.kind !== 'colocation') throw new Error('not a colocation');
  return { ...request, form: { ...request.form, term: { kind: 'temporary', until } } };
}

export interface LivePlacement {
  placementNumber: string;
  handle: WorkflowHandle;
  state(): Promise<PlacementState>;
}

/** Drives a colocation case of `profileId` to go-live; returns its placement once it has written its first record. */
export async function goLive(h: Harness, profileId = 'cirebon', request?: CaseRequest): Promise<LivePlacement> {
  const caseHandle = await h.start(profileId, 'colocation', request);
  await driveToEnd(h, caseHandle);
  const placementNumber = caseHandle.workflowId.replace(/^colocation-/, '');
  const handle = h.env.client.workflow.getHandle(placementWorkflowId(placementNumber));
  const state = () => handle.query(placementStateQuery);
  // No jest here: the history recorder runs this too.
  await eventually(async () => {
    if (!((await state()).revision > 0)) throw new Error(`placement ${placementNumber} has not written its record yet`);
  });
  return { placementNumber, handle, state };
}

export function askWithdrawal(placement: LivePlacement, role: Role = 'applicant', reason = 'Aplikasi dipindahkan ke pusat data nasional'): Promise<PlacementUpdateResult> {
  const requestId = randomUUID();
  return placement.handle.executeUpdate(requestWithdrawalUpdate, { args: [{ requestId, actor: actorFor(role), reason }], updateId: requestId });
}

/** The withdrawal case the placement started, once it waits for its first decision. */
export async function withdrawalCase(h: Harness, placement: LivePlacement): Promise<WorkflowHandle> {
  const workflowId = await eventually(async () => {
    const id = (await placement.state()).withdrawal?.workflowId;
    if (!id) throw new Error(`placement ${placement.placementNumber} has no withdrawal case yet`);
    return id;
  });
  return h.env.client.workflow.getHandle(workflowId);
}

/**
 * A temporary placement of its own (no case before it) started with an extension request to `newUntil`
 * in the same call (update-with-start), so the request reaches it before it has read its settings.
 */
export async function startPlacementWithExtension(h: Harness, role: Role, until: string, newUntil: string): Promise<{ placement: LivePlacement; result: Promise<PlacementUpdateResult> }> {
  const placementNumber = `CRB-2026-P${randomUUID().slice(0, 8)}`;
  const input: PlacementInput = {
    v: 1,
    placementNumber,
    profileId: 'cirebon',
    unitName: 'Dinas Kesehatan',
    applicantEmail: 'dinkes@opd.example.go.id',
    domain: 'simpus.cirebonkab.go.id',
    servers: [{ assetId: `${placementNumber}-1`, name: 'srv-simpus-01', serialNumber: 'SN-0001', typeAndBrand: 'Dell PowerEdge R650' }],
    term: { kind: 'temporary', until },
    installedAt: new Date(await h.env.currentTimeMs()).toISOString(),
  };
  const requestId = randomUUID();
  const { handle, result } = await startWithUpdate(
    h.env.client,
    placementWorkflow,
    { taskQueue: h.taskQueue, workflowId: placementWorkflowId(placementNumber), args: [input] },
    requestExtensionUpdate,
    [{ requestId, actor: actorFor(role), until: newUntil, reason: 'Migrasi aplikasi belum selesai' }],
    requestId,
  );
  return { placement: { placementNumber, handle, state: () => handle.query(placementStateQuery) }, result };
}
