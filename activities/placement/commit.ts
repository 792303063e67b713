// One commit of a placement: its history events, its read model, its assets' status and term in
// the register, and its emails. Every part is idempotent (event and email keys from meaning, whole
// documents and explicit values written), so a retried commit changes nothing twice.
import type { PlacementState } from '../../shared/contracts/placement';
import { Asset, type AssetStatus } from '../../shared/db/asset';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { Placement, PlacementEvent } from '../../shared/db/placement';
import type { EmailRequest } from '../../shared/emails';
import type { CommitDeps } from '../commit';

export interface PlacementEventInput {
  id: string;
  at: string;
  event: string;
  actor?: unknown;
  details?: unknown;
}

export interface PlacementCommit {
  state: PlacementState;
  events: PlacementEventInput[];
  emails: EmailRequest[];
}

async function appendEvents(placementNumber: string, events: PlacementEventInput[]): Promise<void> {
  if (!events.length) return;
  const docs = events.map((e) => ({ _id: e.id, placementNumber, at: new Date(e.at), event: e.event, actor: e.actor, details: e.details }));
  try {
    await PlacementEvent.insertMany(docs, { ordered: false });
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors;
    if (!(writeErrors ? writeErrors.every(isDuplicateKey) : isDuplicateKey(error))) throw error;
  }
}

/**
 * The register follows the placement: active ⇄ withdrawing while a withdrawal is decided, withdrawn
 * at the end (the removal itself marks it first, in the step that releases the capacity).
 */
async function projectAssets(state: PlacementState): Promise<void> {
  const from: readonly AssetStatus[] = ({ active: ['withdrawing'], withdrawing: ['active'], withdrawn: ['active', 'withdrawing'] } as const satisfies Record<AssetStatus, readonly AssetStatus[]>)[state.status];
  // Asset by asset, by _id (answered from an index), where a filter on a list of ids would make
  // FerretDB decode the whole register, twice a commit.
  for (const { assetId } of state.servers) {
    const asset = await Asset.findById(assetId, { status: 1 }).lean();
    if (!asset) continue;
    const status = from.includes(asset.status) ? state.status : asset.status;
    await Asset.updateOne({ _id: assetId }, { $set: { status, term: state.term } });
  }
}

export async function commitPlacement(commit: PlacementCommit, deps: CommitDeps): Promise<void> {
  const { state } = commit;
  await appendEvents(state.placementNumber, commit.events);
  await retryWhileBusy(() =>
    Placement.replaceOne(
      { _id: state.placementNumber },
      {
        workflowId: state.workflowId,
        revision: state.revision,
        status: state.status,
        unitName: state.unitName,
        domain: state.domain,
        assetIds: state.servers.map((s) => s.assetId),
        termUntil: state.term.kind === 'temporary' ? state.term.until : undefined,
        withdrawalNumber: state.withdrawal?.withdrawalNumber,
        state,
        updatedAt: new Date(),
      },
      { upsert: true },
    ),
  );
  await projectAssets(state);
  await deps.enqueueCaseEmails(commit.emails);
}
