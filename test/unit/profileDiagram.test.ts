import { decisionNodeId, escapeMermaid, endNodeId, procedureToMermaid, rowNodeId, shortTitle, START_NODE } from '../../shared/profile/diagram';
import type { Branch } from '../../shared/profile/schema';
import { fixtureProfile } from '../fixtures/profile';

const colocation = fixtureProfile.procedures[0]!;
const backup = fixtureProfile.procedures[1]!;

interface Edge {
  from: string;
  to: string;
  label: string;
  dashed: boolean;
}

/** The flow's edges, as a reader of the rendered chart would see them. */
function edges(mermaid: string): Edge[] {
  return [...mermaid.matchAll(/^\s+(\S+) (-->|-\.->)(?:\|([^|]*)\|)? (\S+)$/gm)].map((m) => ({ from: m[1]!, to: m[4]!, label: m[3] ?? '', dashed: m[2] === '-.->' }));
}

describe('colocation-like procedure', () => {
  const mermaid = procedureToMermaid(fixtureProfile, colocation);
  const flow = edges(mermaid);

  test('is a top-down flowchart that starts at the first row', () => {
    expect(mermaid.startsWith('flowchart TD\n')).toBe(true);
    expect(flow).toContainEqual({ from: START_NODE, to: rowNodeId({ no: '1' }), label: '', dashed: false });
  });

  test('every row is a rectangle with its number, performer and time, and is reached', () => {
    for (const row of colocation.activities) {
      const node = new RegExp(`^\\s+${rowNodeId(row)}\\["(.*)"\\]$`, 'm').exec(mermaid);
      expect(node).not.toBeNull();
      expect(node![1]!.startsWith(`${row.no}. `)).toBe(true);
      expect(node![1]).toContain(fixtureProfile.roles[row.performer]!.title);
      if (row.duration) expect(node![1]).toContain(`${row.duration.amount} ${row.duration.unit}`);
      expect(flow.some((e) => e.to === rowNodeId(row))).toBe(true);
    }
  });

  test('a decision row gives a diamond with its question and both answers', () => {
    const q = decisionNodeId({ no: '2' });
    expect(mermaid).toMatch(new RegExp(`^\\s+${q}\\{"Kapasitas masih tersedia\\?"\\}$`, 'm'));
    expect(flow).toContainEqual({ from: rowNodeId({ no: '2' }), to: q, label: '', dashed: false });
    expect(flow.filter((e) => e.from === q)).toEqual([
      { from: q, to: rowNodeId({ no: '3' }), label: 'Ya', dashed: false },
      { from: q, to: endNodeId('noCapacity'), label: 'Tidak', dashed: false },
    ]);
  });

  test('a row worded as its question is itself the diamond, as the SOP draws it', () => {
    const profile = structuredClone(fixtureProfile);
    profile.procedures[0]!.activities[1]!.title = 'Kapasitas masih  tersedia';
    const merged = procedureToMermaid(profile, profile.procedures[0]!);
    expect(merged).toContain('r_2{"2. Kapasitas masih tersedia<br/>Personil DC · 1 jam"}');
    expect(merged).not.toContain(decisionNodeId({ no: '2' }));
    expect(edges(merged).filter((e) => e.from === rowNodeId({ no: '2' })).map((e) => e.label)).toEqual(['Ya', 'Tidak']);
  });

  test('a redo of some actions is a dashed edge back, naming what runs again', () => {
    expect(flow).toContainEqual({ from: decisionNodeId({ no: '4' }), to: rowNodeId({ no: '3' }), label: 'Tidak, ulang: deviceDelivery', dashed: true });
    expect(flow.filter((e) => e.dashed)).toHaveLength(1);
  });

  test('each outcome has its own terminator, and the last row ends the case as completed', () => {
    expect(mermaid).toMatch(/^\s+selesai_noCapacity\(\["Selesai \(noCapacity\)"\]\)$/m);
    expect(mermaid).toMatch(/^\s+selesai_completed\(\["Selesai \(completed\)"\]\)$/m);
    expect(flow).toContainEqual({ from: rowNodeId({ no: '5' }), to: endNodeId('completed'), label: '', dashed: false });
  });

  test('rows of the applicant and rows the system does alone are styled apart', () => {
    expect(mermaid).toMatch(/^\s+class r_1,r_3 pemohon$/m);
    expect(mermaid).toMatch(/^\s+class r_5 otomatis$/m);
  });
});

describe('backup-like loop', () => {
  const mermaid = procedureToMermaid(fixtureProfile, backup);
  const flow = edges(mermaid);

  test('the run goes back to the question, and "Tidak" leaves the loop', () => {
    expect(flow).toContainEqual({ from: rowNodeId({ no: '3' }), to: rowNodeId({ no: '2' }), label: 'ulang', dashed: false });
    expect(flow).toContainEqual({ from: decisionNodeId({ no: '2' }), to: rowNodeId({ no: '3' }), label: 'Ya', dashed: false });
    expect(flow).toContainEqual({ from: decisionNodeId({ no: '2' }), to: rowNodeId({ no: '4' }), label: 'Tidak', dashed: false });
  });

  test('a scheduled row says it runs on its schedule', () => {
    expect(mermaid).toContain('r_3["3. Melaksanakan back up<br/>Personil DC · 1 hari · sesuai jadwal"]');
  });
});

test('titles are shortened sensibly and Mermaid characters escaped', () => {
  expect(shortTitle('Mengecek ketersediaan kapasitas infrastruktur (server, listrik, UPS, genset, bandwidth, tempat)')).toBe(
    'Mengecek ketersediaan kapasitas infrastruktur',
  );
  const long = shortTitle('Surat balasan yang telah di ttd Kepala Dinas untuk diteruskan ke OPD pemohon (diterima)');
  expect(long.length).toBeLessThanOrEqual(60);
  expect(long).toMatch(/… \(diterima\)$/);
  expect(shortTitle('Pendek')).toBe('Pendek');
  expect(escapeMermaid('"a" <b> #1')).toBe('#quot;a#quot; #lt;b#gt; #35;1');

  const profile = structuredClone(fixtureProfile);
  profile.procedures[0]!.activities[1]!.title = 'Memverifikasi "surat" <segera> #1';
  profile.procedures[0]!.activities[1]!.next = { ...(colocation.activities[1]!.next as Branch), question: 'Ada "ruang"?' };
  const mermaid = procedureToMermaid(profile, profile.procedures[0]!);
  expect(mermaid).toContain('r_2["2. Memverifikasi #quot;surat#quot; #lt;segera#gt; #35;1<br/>');
  expect(mermaid).toContain('q_2{"Ada #quot;ruang#quot;?"}');
});
