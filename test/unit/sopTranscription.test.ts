// Each seed SOP transcribed by hand, row by row, from /work/shared/seeds, independently of the
// profiles: the check an official of the agency would make with the SOP on the desk. A row is
// [number, performer, waktu, output, next]; next is left out when the row goes on to the following
// one ("selesai" after the last), a row number or "selesai" otherwise, or the decision row's
// { ya, tidak }. "7 (deviceDelivery)" means: back to row 7, only its device delivery.
import { getProfile, listProfiles } from '../../shared/profile/registry';
import type { Activity, Procedure, Role, Target } from '../../shared/profile/schema';

type Next = string | { ya: string; tidak: string };
type Row = [no: string, performer: Role, waktu: string | null, output: string, next?: Next];

interface Transcription {
  rows: Row[];
  /** Rows whose performer the PDF extraction lost (or the SOP never names): the profile infers it. */
  inferredPerformer: string[];
  /** Rows whose next step the SOP does not write (a branch or jump of the model): the profile says why. */
  unwrittenNext: string[];
}

const all = (...rows: string[]) => rows;

const seeds: Record<string, Record<string, Transcription>> = {
  // 000_2a1232731932b13f.txt: the performer columns came out blank; row 5 names the Kabid.
  cirebon: {
    colocation: {
      rows: [
        ['1', 'applicant', null, 'Surat permohonan'],
        ['2', 'kabid', '15 menit', 'Disposisi'],
        ['3', 'dcStaff', '1 jam', 'Laporan', { ya: '4', tidak: 'selesai' }],
        ['4', 'applicant', '15 menit', 'Form ajuan'],
        ['5', 'kabid', '15 menit', 'Form persetujuan', { ya: '6', tidak: 'selesai' }],
        ['6', 'dcStaff', '15 menit', 'Laporan'],
        ['7', 'applicant', '1 hari', 'Peralatan'],
        ['8', 'dcStaff', '1 hari', 'Pemasangan server dan laporan hasil kerja', { ya: '9', tidak: '7 (deviceDelivery)' }],
        ['9', 'dcStaff', '15 menit', 'Berita acara'],
      ],
      inferredPerformer: all('2', '3', '4', '6', '7', '8', '9'),
      unwrittenNext: all('5', '8'),
    },
  },
  // 001_da9bd901a6274e3b.txt: marks survive as row numbers in the performer columns, except row 3 ("b").
  ciamis: {
    colocation: {
      rows: [
        ['1', 'applicant', null, 'Surat permohonan'],
        ['2', 'kabid', '15 menit', 'Disposisi'],
        ['3', 'dcStaff', '1 jam', 'Laporan', { ya: '4', tidak: 'selesai' }],
        ['4', 'applicant', '1 hari', 'Form Pengajuan'],
        ['5', 'kabid', '15 menit', 'Form Persetujuan', { ya: '6', tidak: 'selesai' }],
        ['6', 'dcStaff', '1 jam', 'Pemasangan server dan laporan hasil kerja', { ya: '7', tidak: '4 (deviceDelivery)' }],
        ['7', 'dcStaff', '15 menit', 'Berita Acara'],
      ],
      inferredPerformer: all('3'),
      unwrittenNext: all('5', '6'),
    },
  },
  // 002_d1f3f98f8bf34b54.txt: narrative, each step names its performer; only "4 hari kerja" overall.
  kaltim: {
    colocation: {
      rows: [
        ['1', 'applicant', null, 'Surat permohonan'],
        ['2', 'kabid', null, 'Disposisi'],
        ['3', 'dcStaff', null, '', { ya: '4', tidak: 'selesai' }],
        ['4', 'applicant', null, 'Form pengajuan'],
        ['5', 'kabid', null, 'Form persetujuan', { ya: '6', tidak: 'selesai' }],
        ['6', 'dcStaff', null, ''],
        ['7', 'applicant', null, 'Perangkat server'],
        ['8', 'dcStaff', null, 'Berita acara serah terima, aset register', { ya: '9', tidak: '7 (deviceDelivery)' }],
        ['9', 'dcStaff', null, 'Laporan'],
      ],
      inferredPerformer: [],
      unwrittenNext: all('5', '8'),
    },
  },
  // 003_5b8a7f2941ec8f4a.txt: each row's text names its performer; row 13 is "Selesai".
  sumbar: {
    colocation: {
      rows: [
        ['1', 'applicant', '1 hari', 'Disposisi srt. Dinas'],
        ['2', 'kadis', '1 hari', 'Disposisi srt. Dinas'],
        ['3', 'helpdesk', '1 jam', 'Dokumen'],
        ['4', 'helpdesk', '1 hari', 'Draf Surat Dinas'],
        ['5', 'kadis', '1 hari', 'Surat Dinas'],
        ['6', 'helpdesk', '1 hari', 'Surat Dinas', { ya: '7', tidak: 'selesai' }],
        ['7', 'applicant', '1 hari', 'Form barang dan Server'],
        ['8', 'helpdesk', '1 jam', 'Dokumen', { ya: '9', tidak: '7 (deviceDelivery)' }],
        ['9', 'technicalTeam', '2 hari', 'Dokumen'],
        ['10', 'helpdesk', '1 hari', 'Dokumen/laporan'],
        ['11', 'pranataKomputer', '1 hari', 'Dokumen'],
        ['12', 'kadis', '1 hari', 'Dokumen'],
      ],
      inferredPerformer: [],
      unwrittenNext: all('6', '8'),
    },
  },
  // 004_07d95f00635ed4f1.txt (SOP 067/798): the performer columns came out blank in all three tables.
  jateng: {
    colocation: {
      rows: [
        ['1', 'kadis', '1 jam', 'Berkas permohonan'],
        ['2', 'kasi', '3 jam', 'Berita acara Klarifikasi'],
        ['3', 'dcStaff', '2 jam', 'Data ketersediaan kapasitas infrastruktur'],
        ['4', 'kasi', '2 jam', 'Data ketersediaan kapasitas infrastruktur', { ya: '5', tidak: '8' }],
        ['5', 'kabid', '3 jam', 'Persetujuan Kepala Dinas', { ya: '6', tidak: 'selesai' }],
        ['6', 'dcStaff', '3 jam', 'Surat kepada SKPD'],
        ['7', 'dcStaff', '2 jam', 'Berita Acara Serah Terima', { ya: 'selesai', tidak: '7' }],
        ['8', 'dcStaff', '1 hari', 'Surat kepada SKPD'],
      ],
      inferredPerformer: all('1', '2', '3', '4', '5', '6', '7', '8'),
      unwrittenNext: all('7'),
    },
    backup: {
      rows: [
        ['1', 'kadis', '1 jam', 'Berkas permohonan'],
        ['2', 'kasi', '3 jam', 'Berita acara Klarifikasi'],
        ['3', 'dcStaff', '1 hari', 'Data kebutuhan, & pemakaian internet'],
        ['4', 'dcStaff', '2 jam', 'Data ketersediaan kapasitas bandwidth', { ya: '5', tidak: '6' }],
        ['5', 'dcStaff', '1 hari', 'Data file yang di back up', '4'],
        ['6', 'kadis', '2 jam', 'Formulir isian rekomendasi teknis'],
        ['7', 'dcStaff', '2 jam', 'Data isian rekomendasi teknis'],
        ['8', 'dcStaff', '1 hari', 'Surat ke SKPD'],
      ],
      inferredPerformer: all('1', '2', '3', '4', '5', '6', '7', '8'),
      unwrittenNext: all('5'),
    },
    restore: {
      rows: [
        ['1', 'kadis', '1 jam', 'Berkas permohonan'],
        ['2', 'kasi', '3 jam', 'Berita acara Klarifikasi'],
        ['3', 'kabid', '2 jam', 'Data kebutuhan, & pemakaian internet', { ya: '4', tidak: 'selesai' }],
        ['4', 'dcStaff', '1 hari', 'Data ketersediaan kapasitas bandwidth'],
        ['5', 'dcStaff', '2 jam', 'Data ketersediaan kapasitas bandwidth', { ya: '7', tidak: '6' }],
        ['6', 'dcStaff', '1 hari', 'Data file yang di restore'],
        ['7', 'dcStaff', '1 hari', 'Surat ke SKPD'],
      ],
      inferredPerformer: all('1', '2', '3', '4', '5', '6', '7'),
      unwrittenNext: all('6'),
    },
  },
};

const target = (t: Target): string => ('end' in t ? 'selesai' : t.only ? `${t.goto} (${t.only.join(', ')})` : t.goto);

/** Where a row leads, written the way the transcription writes it. */
function nextOf(activities: readonly Activity[], i: number): Next | undefined {
  const { next } = activities[i]!;
  const following = activities[i + 1]?.no ?? 'selesai';
  if (!next) return undefined;
  if ('question' in next) return { ya: target(next.ya), tidak: target(next.tidak) };
  const to = target(next);
  return to === following ? undefined : to;
}

function rowsOf(procedure: Procedure): Row[] {
  return procedure.activities.map((a, i) => {
    const row: Row = [a.no, a.performer, a.duration ? `${a.duration.amount} ${a.duration.unit}` : null, a.output];
    const next = nextOf(procedure.activities, i);
    if (next !== undefined) row.push(next);
    return row;
  });
}

/**
 * Procedures that transcribe no seed SOP table: the withdrawal (pencabutan) follows a form (Kaltim's
 * and Jateng's FORM PENCABUTAN), and its note says which one and why.
 */
const notTranscriptions = ['withdrawal'];

test('every seed and every procedure is transcribed, and nothing else', () => {
  expect(listProfiles().map((p) => p.id).sort()).toEqual(Object.keys(seeds).sort());
  for (const profile of listProfiles()) {
    const transcribed = profile.procedures.filter((p) => !notTranscriptions.includes(p.id));
    expect(transcribed.map((p) => p.id).sort()).toEqual(Object.keys(seeds[profile.id]!).sort());
  }
});

test('a procedure that transcribes no seed table says in its note which form it follows and why', () => {
  for (const profile of listProfiles()) {
    for (const procedure of profile.procedures.filter((p) => notTranscriptions.includes(p.id))) {
      expect([profile.id, procedure.note]).toEqual([profile.id, expect.stringMatching(/FORM|form/)]);
      expect([profile.id, procedure.note]).toEqual([profile.id, expect.stringMatching(/pencabutan|penarikan/i)]);
    }
  }
});

const cases = Object.entries(seeds).flatMap(([id, procedures]) =>
  Object.entries(procedures).map(([procedureId, transcription]) => ({ id, procedureId, transcription })),
);

describe.each(cases)('$id $procedureId', ({ id, procedureId, transcription }) => {
  const procedure = () => getProfile(id).procedures.find((p) => p.id === procedureId)!;
  const activity = (no: string) => procedure().activities.find((a) => a.no === no);

  test('every row: number, performer, waktu, output and where it leads, as the SOP writes them', () => {
    expect(rowsOf(procedure())).toEqual(transcription.rows);
  });

  test('no row without an SOP row', () => {
    const sopRows = new Set(transcription.rows.map(([no]) => no));
    expect(procedure().activities.map((a) => a.no).filter((no) => !sopRows.has(no))).toEqual([]);
  });

  test('a row whose performer is inferred says so in its note', () => {
    for (const no of transcription.inferredPerformer) {
      expect([no, activity(no)?.note]).toEqual([no, expect.stringMatching(/performer[^.]*(inferred|lost)|(inferred|lost)[^.]*performer/i)]);
    }
  });

  test('a next step the SOP does not write is explained in the row\'s note', () => {
    for (const no of transcription.unwrittenNext) {
      expect([no, activity(no)?.note]).toEqual([no, expect.stringMatching(/SOP|mismatch/)]);
    }
  });
});
