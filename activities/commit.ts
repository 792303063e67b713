// One commit of a case, run as a local activity each time the case waits (for a
// person, a deadline or its end): the audit entries, what changed in the read model and the emails
// gathered since the previous commit. Every part is idempotent (audit and email keys come from the
// workflow, the read model delta sets explicit paths), so a retried commit changes nothing twice.
import { activityInfo } from '@temporalio/activity';
import type { CaseState } from '../shared/caseState';
import type { EmailRequest } from '../shared/emails';
import type { ReadModelFields, RequestSummaryFields } from '../shared/readModel';
import { allFinished } from '../shared/allFinished';
import { appendAudit, applyRecordDelta, AuditInput, storedFields, writeWholeRecord } from './records';
import { staffDirectoryFor } from './email';
import type { StaffDirectory } from './emails/staffDirectory';
import { issueCommitDocuments } from './documents/caseDocuments';

export interface CaseCommit {
  requestNumber: string;
  revision: number;
  fields: ReadModelFields;
  /** What lists and inboxes show of the case after this commit, so the writer need not read the record back. */
  summary: RequestSummaryFields;
  /** The first commit of a case carries its whole state, once. */
  state?: CaseState;
  /** Later commits carry what changed, by path under the record (e.g. `state.steps.3`). */
  set: Record<string, unknown>;
  unset: string[];
  audit: AuditInput[];
  emails: EmailRequest[];
}

export interface CommitDeps {
  /** Puts a case's emails in the outbox (activities/email.ts), idempotent by their keys; with the staff directory when its read is already on its way. */
  enqueueCaseEmails(requests: EmailRequest[], directory?: Promise<StaffDirectory>): Promise<unknown>;
}

async function applyDelta(commit: CaseCommit): Promise<void> {
  const update: Record<string, unknown> = { $set: { ...storedFields(commit.fields), 'state.revision': commit.revision, ...commit.set } };
  if (commit.unset.length) update.$unset = Object.fromEntries(commit.unset.map((path) => [path, '']));
  // The guard skips a delta already applied (a retry). It is not atomic on FerretDB, which is why
  // each delta also sets explicit paths: applied twice, it still leaves the same record.
  await applyRecordDelta(commit.requestNumber, commit.revision, update, { ...commit.summary, updatedAt: new Date().toISOString() }, activityInfo().attempt === 1);
}

export function createCommitActivities(deps: CommitDeps) {
  return {
    async commitCase(commit: CaseCommit): Promise<void> {
      // Each waiting write of a commit is a round trip its decision waits for: what does not depend
      // on another goes side by side. The staff directory is read meanwhile (awaited only below).
      const directory = staffDirectoryFor(commit.emails);
      directory.catch(() => undefined);
      // Independent, and each idempotent: both finish before a failure retries the whole commit.
      await allFinished([appendAudit(commit.requestNumber, commit.audit), commit.state ? writeWholeRecord(commit.state) : applyDelta(commit)]);
      // After the record, so the documents read the state this commit wrote.
      const attachments = await issueCommitDocuments(commit);
      // After the record, so a task email never points at an older state; a letter carries its
      // document by id, rendered when the email is sent.
      await deps.enqueueCaseEmails(commit.emails.map((email) => (attachments[email.key] ? { ...email, attachments: attachments[email.key] } : email)), directory);
    },
  };
}
