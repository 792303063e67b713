// The documents a commit brings due: the forms and berita acara the case's decisions call for, and
// a numbered letter for each letter email the commit queues (attached to that email by its id).
// Derived from the whole case and issued by id, so a retried or replayed commit issues nothing twice.
// Only a commit that writes the first record, records a decision a form is made of, or queues a
// letter reads the case back: the others (most of them) cost the store nothing here.
import type { CaseState } from '../../shared/caseState';
import { RequestRecord } from '../../shared/db/requestRecord';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { FORM_DECISION_KINDS, formsDue, isLetterEmail, letterDraft } from '../../shared/documents/drafts';
import type { EmailRequest } from '../../shared/emails';
import { getProfile } from '../../shared/profile/registry';
import type { Profile } from '../../shared/profile/schema';
import type { AuditInput } from '../records';
import { issueDocument } from './issue';

export interface CommitDocumentsInput {
  requestNumber: string;
  state?: CaseState;
  set: Record<string, unknown>;
  audit: AuditInput[];
  emails: EmailRequest[];
}

/** Document ids to attach, by email key. */
export type Attachments = Record<string, string[]>;

/** The agency's current book: its letterhead and numbering. A profile no longer on disk issues nothing. */
function profileOf(id: string): Profile | undefined {
  try {
    return getProfile(id);
  } catch {
    return undefined;
  }
}

/** Whether the delta records a decision that one of the forms is drafted from. */
const bringsFormDecision = (set: Record<string, unknown>): boolean =>
  Object.entries(set).some(([path, value]) => path.startsWith('state.decisions.') && FORM_DECISION_KINDS.has((value as { kind?: string } | null)?.kind ?? ''));

async function caseStateOf(input: CommitDocumentsInput): Promise<CaseState | undefined> {
  if (input.state) return input.state;
  const record = await retryWhileBusy(() => RequestRecord.findById(input.requestNumber, { state: 1 }).lean());
  return record?.state as CaseState | undefined;
}

export async function issueCommitDocuments(input: CommitDocumentsInput): Promise<Attachments> {
  const letters = input.emails.filter(isLetterEmail);
  const formsMayBeDue = Boolean(input.state) || bringsFormDecision(input.set);
  if (!formsMayBeDue && !letters.length) return {};
  const state = await caseStateOf(input);
  const profile = state && profileOf(state.profileId);
  if (!state || !profile) return {};
  const ctx = { state, profile };
  // One after the other: they share the agency's numbering, which takes turns anyway.
  if (formsMayBeDue) for (const draft of formsDue(ctx)) await issueDocument(draft, profile);
  const attachments: Attachments = {};
  for (const email of letters) {
    // The letter is dated when the case sent it: its audit entry carries the same key and workflow time.
    const at = input.audit.find((a) => a.id === email.key)?.at ?? state.currentStep?.startedAt ?? state.steps.at(-1)?.completedAt ?? state.submittedAt;
    const draft = letterDraft(email, at, ctx);
    if (draft) attachments[email.key] = [(await issueDocument(draft, profile)).id];
  }
  return attachments;
}
