// An email's documents, rendered from their records at each send: the outbox row holds only their
// ids, so it stays small and a document's PDF is the same whichever send carries it.
import { pdfFileName, renderStoredDocument } from '../../shared/documents/storedDocument';

export async function renderAttachments(documentIds: string[], publicUrl: string): Promise<{ filename: string; content: Buffer; contentType: string }[]> {
  const rendered = [];
  for (const id of documentIds) {
    const result = await renderStoredDocument(id, publicUrl);
    // Issued before the email was queued (activities/commit.ts); missing means the record was lost.
    if (!result) throw new Error(`document ${id} to attach is not in the documents collection`);
    rendered.push({ filename: pdfFileName(result.document), content: result.pdf, contentType: 'application/pdf' });
  }
  return rendered;
}
