// Starts the placement workflow of a colocation request that went live: from the asset register,
// the reservation it was installed under and the case's record. Called when the assets are
// registered (handover) and by the reconciler for any active asset without a placement; an
// already started (or finished) placement is fine, so both may call it as often as they like.
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { PLACEMENT_WORKFLOW_TYPE, type PlacementInput, placementInputSchema, placementWorkflowId } from '../../shared/contracts/placement';
import { SA } from '../../shared/contracts/sopCase';
import { Asset } from '../../shared/db/asset';
import { Rack, Reservation } from '../../shared/db/capacity';
import { RequestRecord } from '../../shared/db/requestRecord';

/** Where placements start: the worker's own client and task queue. */
export interface PlacementStarter {
  client: Client;
  taskQueue: string;
}

const iso = (d: unknown): string | undefined => (d instanceof Date ? d.toISOString() : typeof d === 'string' ? d : undefined);

/** The placement's input as the register and the reservation have it; undefined while they do not have it yet. */
export async function placementInputFor(placementNumber: string): Promise<PlacementInput | undefined> {
  const [assets, reservation, record] = await Promise.all([
    Asset.find({ requestNumber: placementNumber }).sort({ _id: 1 }).lean(),
    Reservation.findById(placementNumber).lean(),
    RequestRecord.findById(placementNumber, { 'state.profileId': 1, 'state.applicantEmail': 1 }).lean(),
  ]);
  const first = assets[0];
  if (!first || !record) return undefined;
  const rack = reservation ? await Rack.findById(reservation.rackId).lean() : null;
  const input: PlacementInput = {
    v: 1,
    placementNumber,
    profileId: record.state.profileId,
    unitName: first.unitName,
    applicantEmail: record.state.applicantEmail,
    domain: first.domain,
    servers: assets.map((a) => ({ assetId: a._id, name: a.serverName, serialNumber: a.serialNumber, typeAndBrand: a.typeAndBrand })),
    location: reservation
      ? { rackId: reservation.rackId, rackName: rack?.name ?? reservation.rackId, noc: rack?.noc ?? '-', location: rack?.location ?? '-', startUnit: reservation.startUnit, units: reservation.units, ...(reservation.ipAddress && { ipAddress: reservation.ipAddress }) }
      : undefined,
    needs: reservation ? { rackUnits: reservation.needs.rackUnits, powerWatts: reservation.needs.powerWatts, bandwidthMbps: reservation.needs.bandwidthMbps } : undefined,
    term: first.term as PlacementInput['term'],
    installedAt: iso(first.installedAt)!,
    lastReviewedAt: iso(first.lastReviewedAt),
    nextReviewDue: iso(first.nextReviewDue),
    bastNumber: first.bastNumber ?? undefined,
  };
  return placementInputSchema.parse(input);
}

/** True when this call started it; false when it was started before (or the register is not ready). */
export async function startPlacement(starter: PlacementStarter, placementNumber: string): Promise<boolean> {
  const input = await placementInputFor(placementNumber);
  if (!input) return false;
  try {
    await starter.client.workflow.start(PLACEMENT_WORKFLOW_TYPE, {
      taskQueue: starter.taskQueue,
      workflowId: placementWorkflowId(placementNumber),
      args: [input],
      // A placement withdrawn (completed) is never started again; one an admin terminated may be.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      typedSearchAttributes: [
        { key: SA.requestNumber, value: placementNumber },
        { key: SA.applicantUnit, value: input.unitName },
        { key: SA.status, value: 'active' },
      ],
      memo: { summary: `${placementNumber}: ${input.unitName} — ${input.domain}`, profileId: input.profileId },
    });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}
