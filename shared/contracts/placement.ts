// The contract of the placement workflow (one per colocation request that went live, from go-live
// until its server leaves): its type name, ID, query, updates and the state they show.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { z } from 'zod';
import { actorSchema, type Actor } from '../decisions';
import type { CaseStatus } from '../caseState';
import { isoDateSchema, type Role } from '../profile/roles';
import { text } from '../text';
import type { PlacementTermV1 } from './placementInput.v1';
export { placementInputV1 as placementInputSchema, type PlacementInputV1 as PlacementInput } from './placementInput.v1';

export const PLACEMENT_WORKFLOW_TYPE = 'placementWorkflow';

export function placementWorkflowId(placementNumber: string): string {
  return `placement-${placementNumber}`;
}

export const placementStatuses = ['active', 'withdrawing', 'withdrawn'] as const;
export type PlacementStatus = (typeof placementStatuses)[number];

/** What the placement needs of its profile; read once and carried across Continue-As-New. */
export interface PlacementSettings {
  agency: string;
  timeZone: 'WIB' | 'WITA' | 'WIT';
  /** Reminders and the term's end fall at the start of the working day, local time ("08:00"). */
  workingStart: string;
  reminderLeadDays: number[];
  extensionApprover: Role;
  extensionApproverTitle: string;
  /** Staff told of a term's approaching end besides the applicant. */
  staffRoles: Role[];
  hasWithdrawalProcedure: boolean;
}

export interface PlacementWithdrawal {
  requestId: string;
  reason: string;
  requestedBy: Actor;
  by: 'applicant' | 'staff' | 'system';
  at: string;
  withdrawalNumber?: string;
  workflowId?: string;
}

export interface ExtensionRecord {
  requestId: string;
  until: string;
  previousUntil: string;
  reason: string;
  requestedBy: Actor;
  requestedAt: string;
  decision?: 'approve' | 'reject';
  consideration?: string;
  decidedBy?: Actor;
  decidedAt?: string;
}

export interface PlacementState {
  placementNumber: string;
  workflowId: string;
  profileId: string;
  agency: string;
  unitName: string;
  applicantEmail: string;
  domain: string;
  status: PlacementStatus;
  servers: { assetId: string; name: string; serialNumber: string; typeAndBrand: string }[];
  location?: { rackId: string; rackName: string; noc: string; location: string; startUnit: number; units: number; ipAddress?: string };
  needs?: { rackUnits: number; powerWatts: number; bandwidthMbps: number };
  term: PlacementTermV1;
  installedAt: string;
  lastReviewedAt?: string;
  nextReviewDue?: string;
  bastNumber?: string;
  /** The withdrawal under way (requested, or its case running). */
  withdrawal?: PlacementWithdrawal;
  /** Earlier withdrawals that did not take the server out (rejected, cancelled). */
  pastWithdrawals: (PlacementWithdrawal & { outcome: CaseStatus; closedAt: string; closeReason?: string })[];
  extensions: ExtensionRecord[];
  /** Reminder keys already sent (`<until>/<days>`): a reminder goes once per end date. */
  remindersSent: string[];
  withdrawnAt?: string;
  revision: number;
}

export const placementStateQuery = defineQuery<PlacementState>('placementState');

const reason = text(2000, { min: 5, minMessage: 'alasan minimal 5 karakter', multiline: true });
const requestIdSchema = z.string().min(8).max(128);

export const placementWithdrawalRequestSchema = z.object({ requestId: requestIdSchema, actor: actorSchema, reason, system: z.boolean().optional() });
export type PlacementWithdrawalRequest = z.infer<typeof placementWithdrawalRequestSchema>;

export const extensionRequestSchema = z.object({ requestId: requestIdSchema, actor: actorSchema, until: isoDateSchema, reason });
export type ExtensionRequest = z.infer<typeof extensionRequestSchema>;

export const extensionDecisionSchema = z.object({
  requestId: requestIdSchema,
  actor: actorSchema,
  decision: z.enum(['approve', 'reject']),
  consideration: text(2000, { min: 3, multiline: true }),
});
export type ExtensionDecision = z.infer<typeof extensionDecisionSchema>;

export interface PlacementUpdateResult {
  duplicate: boolean;
  placement: PlacementState;
}

/** Answers once the withdrawal case has its number and has been started. */
export const requestWithdrawalUpdate = defineUpdate<PlacementUpdateResult, [PlacementWithdrawalRequest]>('requestWithdrawal');
export const requestExtensionUpdate = defineUpdate<PlacementUpdateResult, [ExtensionRequest]>('requestExtension');
export const decideExtensionUpdate = defineUpdate<PlacementUpdateResult, [ExtensionDecision]>('decideExtension');
