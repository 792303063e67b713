// The placement's state and the bookkeeping around it: every change is an event in its history
// (placement_events), and the read model, the asset register's status and the emails are written in
// one activity each time the placement settles. Event and email keys come from meaning, so a retry
// or a replay writes each thing once.
import type { PlacementCommit, PlacementEventInput } from '../../activities/placement/commit';
import type { PlacementInput, PlacementSettings, PlacementState } from '../../shared/contracts/placement';
import type { Actor } from '../../shared/decisions';
import type { EmailIntent, EmailRequest, Recipient } from '../../shared/emails';
import { placementActivities } from './placementActivities';

const iso = (ms: number) => new Date(ms).toISOString();

export const PLACEMENT_TITLE = 'Penempatan Server (Co-Location)';

export function openingPlacementState(input: PlacementInput, workflowId: string, settings: PlacementSettings): PlacementState {
  return {
    placementNumber: input.placementNumber,
    workflowId,
    profileId: input.profileId,
    agency: settings.agency,
    unitName: input.unitName,
    applicantEmail: input.applicantEmail,
    domain: input.domain,
    status: 'active',
    servers: input.servers,
    location: input.location,
    needs: input.needs,
    term: input.term,
    installedAt: input.installedAt,
    lastReviewedAt: input.lastReviewedAt,
    nextReviewDue: input.nextReviewDue,
    bastNumber: input.bastNumber,
    pastWithdrawals: [],
    extensions: [],
    remindersSent: [],
    revision: 0,
  };
}

export class PlacementLedger {
  private events: PlacementEventInput[] = [];
  private emails: EmailRequest[] = [];
  private committing: Promise<void> = Promise.resolve();
  /** Bumped by every Update that changes what the main loop waits for (a new end date, a withdrawal). */
  wake = 0;

  constructor(
    readonly state: PlacementState,
    readonly settings: PlacementSettings,
  ) {}

  event(key: string, event: string, details?: Record<string, unknown>, actor?: Actor): void {
    this.events.push({ id: `${this.state.placementNumber}/${key}`, at: iso(Date.now()), event, actor, details });
  }

  email(key: string, to: Recipient[], intent: EmailIntent, cc?: Recipient[]): void {
    const { state } = this;
    this.emails.push({
      key: `${state.placementNumber}/${key}`,
      to,
      cc,
      intent,
      requestNumber: state.placementNumber,
      profileId: state.profileId,
      procedureTitle: PLACEMENT_TITLE,
      applicantEmail: state.applicantEmail,
      applicantUnit: state.unitName,
      domain: state.domain,
      agency: state.agency,
    });
  }

  /** Writes what changed since the last commit; commits run one after the other. */
  commit(): Promise<void> {
    this.committing = this.committing.then(() => this.write());
    return this.committing;
  }

  private async write(): Promise<void> {
    this.state.revision += 1;
    const commit: PlacementCommit = { state: this.state, events: this.events, emails: this.emails };
    this.events = [];
    this.emails = [];
    await placementActivities.commitPlacement(commit);
  }
}
