// Opening a review: one task per active asset, written to review_tasks with the record as it stands
// (what a person checks at the rack). The deployment serves one agency, so its asset register is
// that agency's. Assets are read a page at a time, so the workflow's history holds short labels
// only, however many servers there are.
import { Asset } from '../../shared/db/asset';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { ReviewTask } from '../../shared/db/registerReview';
import { RequestRecord } from '../../shared/db/requestRecord';
import { reviewTaskId } from '../../shared/contracts/registerReview';
import type { Role } from '../../shared/profile/schema';

export interface OpenTasksInput {
  reviewId: string;
  profileId: string;
  year: number;
  performer: Role;
  deadline: string;
  /** The last asset id of the previous page. */
  after?: string;
  limit: number;
}

export interface OpenedTasks {
  tasks: { assetId: string; label: string }[];
  /** Where the next page starts; absent after the last. */
  after?: string;
}

interface FormContact {
  state?: { submission?: { form?: { responsibleOfficer?: string; contactNumber?: string } } };
}

/** The contact the application form named, per request number: where the register has none of its own. */
async function formContacts(requestNumbers: string[]): Promise<Map<string, { name?: string; number?: string }>> {
  const unique = [...new Set(requestNumbers)];
  if (!unique.length) return new Map();
  const records = (await retryWhileBusy(() => RequestRecord.find({ _id: { $in: unique } }, { 'state.submission.form': 1 }).lean())) as unknown as (FormContact & { _id: string })[];
  return new Map(records.map((r) => [r._id, { name: r.state?.submission?.form?.responsibleOfficer, number: r.state?.submission?.form?.contactNumber }]));
}

export async function openReviewTasks(input: OpenTasksInput): Promise<OpenedTasks> {
  const filter: Record<string, unknown> = { status: 'active' };
  if (input.after !== undefined) filter._id = { $gt: input.after };
  const assets = await retryWhileBusy(() => Asset.find(filter).sort({ _id: 1 }).limit(input.limit).lean());
  const contacts = await formContacts(assets.map((a) => a.requestNumber));
  for (const a of assets) {
    const contact = contacts.get(a.requestNumber);
    // Insert only: a retry, or a task already settled, keeps what it has.
    await retryWhileBusy(() =>
      ReviewTask.updateOne(
        { _id: reviewTaskId(input.reviewId, a._id) },
        {
          $setOnInsert: {
            reviewId: input.reviewId, profileId: input.profileId, year: input.year, assetId: a._id, requestNumber: a.requestNumber,
            serverName: a.serverName, domain: a.domain, rackId: a.rackId, rackUnits: a.rackUnits, ipAddress: a.ipAddress,
            serialNumber: a.serialNumber, typeAndBrand: a.typeAndBrand, unitName: a.unitName,
            contactName: a.contactName ?? contact?.name, contactNumber: a.contactNumber ?? contact?.number,
            state: 'open', performer: input.performer, deadline: new Date(input.deadline),
          },
        },
        { upsert: true },
      ),
    );
  }
  const tasks = assets.map((a) => ({ assetId: a._id, label: `${a.serverName} (${a.unitName}, ${a.domain})`.slice(0, 200) }));
  return { tasks, after: assets.length === input.limit ? assets[assets.length - 1]!._id : undefined };
}
