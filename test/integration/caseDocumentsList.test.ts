// A case's documents are listed by their ids (api/cases/caseDocuments.ts), not by a requestNumber
// filter: every kind's later occurrences and the text-only handover minutes are found, oldest first,
// and documents of other cases, even with a similar number, are not.
import { documentsOfCase } from '../../api/cases/caseDocuments';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { CaseDocument, textOnlyBastId } from '../../shared/db/document';

beforeAll(async () => {
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, '/kolokasi_case_documents'));
  await CaseDocument.deleteMany({});
});
afterAll(disconnectMongo);

const stored = (id: string, requestNumber: string, kind: string, minute: number) =>
  ({ _id: id, requestNumber, kind, title: kind, body: kind, createdAt: new Date(Date.UTC(2026, 11, 2, 8, minute)) });

test('lists every occurrence of every kind and the text-only BAST, oldest first, and nothing of another case', async () => {
  const no = 'CRB-2026-0042';
  await CaseDocument.insertMany([
    stored(`${no}.form-persetujuan-3`, no, 'form-persetujuan', 5),
    stored(`${no}.form-pengajuan`, no, 'form-pengajuan', 1),
    stored(`${no}.form-persetujuan`, no, 'form-persetujuan', 2),
    stored(`${no}.form-persetujuan-2`, no, 'form-persetujuan', 3),
    stored(`${no}.ba-klarifikasi`, no, 'ba-klarifikasi', 3),
    stored(textOnlyBastId(no), no, 'bast', 6),
    stored('CRB-2026-00421.form-pengajuan', 'CRB-2026-00421', 'form-pengajuan', 0),
    stored('CRB-2026-0043.form-persetujuan', 'CRB-2026-0043', 'form-persetujuan', 4),
  ]);

  expect((await documentsOfCase(no)).map((d) => d._id)).toEqual([
    `${no}.form-pengajuan`,
    `${no}.form-persetujuan`,
    // Issued in the same minute: by id.
    `${no}.ba-klarifikasi`,
    `${no}.form-persetujuan-2`,
    `${no}.form-persetujuan-3`,
    textOnlyBastId(no),
  ]);
  expect(await documentsOfCase('CRB-2026-0099')).toEqual([]);
});
