// What the workflow asks to be emailed. The workflow names the event and its facts; the email
// activity renders the Bahasa Indonesia text, so wording can change without touching history.
import type { Role } from './profile/schema';

export type Recipient = { role: Role } | { applicant: true };

export interface StepRef {
  sopStep: string;
  title: string;
  performerTitle: string;
}

export type EmailIntent =
  | { template: 'submitted' }
  | { template: 'taskAssigned'; step: StepRef; action: string; deadline?: string }
  | { template: 'approved'; location?: string; ipAddress?: string; consideration?: string; bringServer?: boolean }
  | { template: 'rejected'; consideration: string; byTitle: string }
  | { template: 'noCapacity'; reasons: string[] }
  | { template: 'replyLetter'; accepted: boolean }
  | { template: 'specMismatch'; reasons: string[]; returnTo: StepRef }
  | { template: 'reminder'; step: StepRef; deadline: string; applicantGraceUntil?: string; recordFor?: string }
  | { template: 'escalation'; step: StepRef; deadline: string; responsibleTitle: string }
  | { template: 'expired'; step: StepRef }
  | { template: 'withdrawn'; reason: string }
  | { template: 'cancelled'; reason: string }
  | { template: 'completed'; domain: string; ipAddress?: string; location?: string; bastNumber?: string }
  | { template: 'totalBreach'; standard: string; deadline: string }
  | { template: 'backupStopped'; runs: number; lastRun?: string }
  | { template: 'restoreResult'; summary: string }
  | { template: 'placementReminder'; until: string; daysLeft: number }
  | { template: 'extensionRequested'; until: string; previousUntil: string; reason: string; approverTitle: string }
  | { template: 'extensionDecided'; approved: boolean; until: string; previousUntil: string; consideration: string; byTitle: string }
  | { template: 'withdrawalCompleted'; placementNumber: string; location?: string; ipAddress?: string; removedBy?: string; consideration?: string };

export interface EmailRequest {
  /** Unique per logical email; the outbox uses it so a retried activity never sends twice. */
  key: string;
  to: Recipient[];
  cc?: Recipient[];
  intent: EmailIntent;
  requestNumber: string;
  profileId: string;
  /** The procedure the case runs, e.g. "Prosedur Permintaan Back up". */
  procedureTitle: string;
  applicantEmail: string;
  applicantUnit: string;
  /** The colocation's domain, or the system a backup or restore is about. */
  domain: string;
  agency: string;
  /**
   * Documents sent with it, by id: set by the commit activity (a letter's numbered PDF), never by
   * the workflow, and rendered when the email is sent, so no history or outbox row holds PDF bytes.
   */
  attachments?: string[];
}
