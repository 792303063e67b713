// A withdrawal (pencabutan) of this placement, run as its own case by the SOP interpreter (the
// profile's `withdrawal` procedure) in a child workflow: the placement fills in the form from what
// it knows, starts the case, and waits for how it ends. "completed" means the server was taken out
// (the removal released its capacity); any other ending leaves the placement active.
import { ParentClosePolicy, startChild, WorkflowIdReusePolicy } from '@temporalio/workflow';
import type { CaseStatus, CaseView } from '../../shared/caseState';
import type { PlacementState } from '../../shared/contracts/placement';
import { SA, SOP_CASE_WORKFLOW_TYPE, sopCaseWorkflowId, type SopCaseInput } from '../../shared/contracts/sopCase';
import type { WithdrawalRequestV2 } from '../../shared/contracts/sopCaseInput.v2';
import { caseSummary } from '../../shared/workflowInput';
import { placementActivities } from './placementActivities';
import type { PlacementLedger } from './ledger';

export const WITHDRAWAL_PROCEDURE = 'withdrawal';

/** Form pencabutan, filled in from the placement. */
export function withdrawalRequest(state: PlacementState, reason: string, by: WithdrawalRequestV2['requestedBy']): WithdrawalRequestV2 {
  const where = state.location;
  const units = where ? `${where.rackName} U${where.startUnit}-U${where.startUnit + where.units - 1}` : 'belum dicatat';
  const joined = (pick: (s: PlacementState['servers'][number]) => string) => state.servers.map(pick).join(', ').slice(0, 200);
  return {
    kind: 'withdrawal',
    placementNumber: state.placementNumber,
    applicantEmail: state.applicantEmail,
    unitName: state.unitName,
    domain: state.domain,
    assetIds: state.servers.map((s) => s.assetId),
    form: {
      domain: state.domain,
      dataCenter: { noc: where?.noc ?? '-', serverLocation: where ? `${where.location}, ${units}` : units, domain: state.domain },
      colocation: { noc: where?.noc ?? '-', serverLocation: units, serialNumber: joined((s) => s.serialNumber), typeAndBrand: joined((s) => s.typeAndBrand), domain: state.domain },
    },
    reason,
    requestedBy: by,
  };
}

/** Starts the withdrawal's case (once: its number is kept) and returns how it ended. */
export async function runWithdrawal(ledger: PlacementLedger): Promise<{ status: CaseStatus; closedAt: string; closeReason?: string }> {
  const { state } = ledger;
  const withdrawal = state.withdrawal!;
  if (!withdrawal.withdrawalNumber) {
    const attempt = state.pastWithdrawals.length + 1;
    const number = await placementActivities.allocateWithdrawalNumber({ profileId: state.profileId, placementNumber: state.placementNumber, attempt });
    withdrawal.withdrawalNumber = number;
    withdrawal.workflowId = sopCaseWorkflowId(WITHDRAWAL_PROCEDURE, number);
  }
  const requestNumber = withdrawal.withdrawalNumber;
  const request = withdrawalRequest(state, withdrawal.reason, withdrawal.by);
  const input: SopCaseInput = { v: 2, requestNumber, profileId: state.profileId, procedureId: WITHDRAWAL_PROCEDURE, request, submittedBy: withdrawal.requestedBy };
  const child = await startChild(SOP_CASE_WORKFLOW_TYPE, {
    workflowId: withdrawal.workflowId!,
    args: [input],
    // The case outlives a placement an admin terminates: people are working on it.
    parentClosePolicy: ParentClosePolicy.ABANDON,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: [
      { key: SA.agency, value: state.agency },
      { key: SA.applicantUnit, value: state.unitName },
      { key: SA.requestNumber, value: requestNumber },
      { key: SA.procedure, value: WITHDRAWAL_PROCEDURE },
      { key: SA.status, value: 'inProgress' },
    ],
    memo: { summary: caseSummary(requestNumber, request), profileId: state.profileId, procedureId: WITHDRAWAL_PROCEDURE, placementNumber: state.placementNumber },
  });
  ledger.event(`withdrawal/${requestNumber}/started`, 'withdrawalStarted', { withdrawalNumber: requestNumber, workflowId: withdrawal.workflowId, by: withdrawal.by, reason: withdrawal.reason }, withdrawal.requestedBy);
  await ledger.commit();
  try {
    const result = (await child.result()) as CaseView;
    return { status: result.status, closedAt: result.closedAt ?? new Date(Date.now()).toISOString(), closeReason: result.closeReason };
  } catch (error) {
    // Cancelled or terminated by an admin: the server was not taken out.
    return { status: 'cancelled', closedAt: new Date(Date.now()).toISOString(), closeReason: error instanceof Error ? error.message : String(error) };
  }
}
