// Issues a drafted document once: its number (claimed for its id, so a retry gets the same one),
// its verification code, the fields its PDF prints and a hash of them, stored with the case. A
// later document of the same kind marks the one it replaces superseded.
import { createHash, randomBytes } from 'node:crypto';
import { CaseDocument, DocumentCode } from '../../shared/db/document';
import { isDuplicateKey } from '../../shared/db/duplicateKey';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import type { DocumentDraft } from '../../shared/documents/drafts';
import { indonesianDate, localYear, romanMonth } from '../../shared/documents/indonesianDate';
import { letterheadOf } from '../../shared/documents/letterhead';
import { DOCUMENT_NAMES, formatDocumentNumber } from '../../shared/documents/numberFormat';
import { documentPlainText } from '../../shared/documents/plainText';
import type { Profile } from '../../shared/profile/schema';
import { claimDocumentNumber } from './numbering';

export interface IssuedRef {
  id: string;
  number: string;
}

/** The numbering scope of an agency's year, in the agency's time zone. */
export function numberingScope(profileId: string, year: number): string {
  return `${profileId}/${year}`;
}

export function contentHashOf(fields: unknown): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The write's result; undefined when another attempt inserted the same _id first. */
async function writeUnlessDuplicate<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await retryWhileBusy(write);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return undefined;
  }
}

export async function issueDocument(draft: DocumentDraft, profile: Profile): Promise<IssuedRef> {
  const stored = await retryWhileBusy(() => CaseDocument.findById(draft.id, { number: 1, verificationCode: 1 }).lean());
  if (stored?.number && stored.verificationCode) return { id: draft.id, number: stored.number };

  const issuedAt = new Date(draft.issuedAt);
  const ms = issuedAt.getTime();
  const year = localYear(ms, profile.timeZone);
  const seq = await claimDocumentNumber(numberingScope(profile.id, year), draft.id);
  const number = formatDocumentNumber(profile.documents, { kind: draft.kind, code: profile.code, year, month: romanMonth(ms, profile.timeZone), seq });
  const letterhead = letterheadOf(profile);
  const printed = { number, issuedAt: draft.issuedAt, timeZone: profile.timeZone, letterhead, content: draft.content };
  // The code's row first: a record never exists whose printed code finds nothing. Should another
  // attempt insert the record first, this code stays unprinted, and verification checks the
  // record's own code, so it proves nothing.
  const verificationCode = randomBytes(16).toString('base64url');
  await writeUnlessDuplicate(() => DocumentCode.create({ _id: verificationCode, documentId: draft.id }));
  // The record as stored after the write: this attempt's, or the one another attempt inserted first.
  const record = await writeUnlessDuplicate(() =>
    CaseDocument.findOneAndUpdate(
      { _id: draft.id },
      {
        $setOnInsert: {
          requestNumber: draft.requestNumber, kind: draft.kind, title: DOCUMENT_NAMES[draft.kind],
          body: documentPlainText({ number, date: indonesianDate(ms, profile.timeZone), letterhead, content: draft.content }),
          createdAt: issuedAt, profileId: profile.id, number, issuedAt, timeZone: profile.timeZone, letterhead, content: draft.content,
          contentHash: contentHashOf(printed), verificationCode, status: 'current',
        },
      },
      // FerretDB 1.24 takes no projection on findAndModify: the whole record comes back.
      { upsert: true, returnDocument: 'after' },
    ).lean(),
  ) ?? (await retryWhileBusy(() => CaseDocument.findById(draft.id, { number: 1 }).lean()))!;
  if (draft.supersedes) await retryWhileBusy(() => CaseDocument.updateOne({ _id: draft.supersedes }, { $set: { status: 'superseded', supersededBy: draft.id } }));
  return { id: draft.id, number: record.number! };
}
