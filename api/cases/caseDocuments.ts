// A case's documents, found by their ids rather than by `requestNumber`: FerretDB on SQLite answers
// any filter but an `_id` equality by decoding the whole collection (seconds with thousands of cases),
// and a document's id says what it is (shared/documents/drafts/draft.ts draftId). Each kind is looked
// up from its first occurrence to the first one missing: occurrences are issued in order.
import { CaseDocument, textOnlyBastId } from '../../shared/db/document';
import { retryWhileBusy } from '../../shared/db/busyRetry';
import { draftId } from '../../shared/documents/drafts/draft';
import { DOCUMENT_NAMES } from '../../shared/documents/numberFormat';
import type { DocumentKind } from '../../shared/profile/vocabulary';

const KINDS = Object.keys(DOCUMENT_NAMES) as DocumentKind[];

const byId = (id: string) => retryWhileBusy(() => CaseDocument.findById(id).lean());
type StoredDocument = NonNullable<Awaited<ReturnType<typeof byId>>>;

async function occurrencesOf(requestNumber: string, kind: DocumentKind): Promise<StoredDocument[]> {
  const found: StoredDocument[] = [];
  for (let occurrence = 0; ; occurrence++) {
    const document = await byId(draftId(requestNumber, kind, occurrence));
    if (!document) return found;
    found.push(document);
  }
}

/** Every document of the case, oldest first (the handover minutes of a case without a profile included). */
export async function documentsOfCase(requestNumber: string): Promise<StoredDocument[]> {
  const [textOnlyBast, ...kinds] = await Promise.all([byId(textOnlyBastId(requestNumber)), ...KINDS.map((kind) => occurrencesOf(requestNumber, kind))]);
  const documents = [...(textOnlyBast ? [textOnlyBast] : []), ...kinds.flat()];
  return documents.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}
