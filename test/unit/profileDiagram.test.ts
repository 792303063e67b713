import { escapeMermaid, profileToMermaid, shortTitle, stepNodeId } from '../../shared/profile/diagram';
import { getProfile, listProfiles } from '../../shared/profile/registry';
import type { Profile } from '../../shared/profile/schema';

const ids = listProfiles().map((p) => p.id);

/** The flow's edges as [from, label, to]; dotted edges get a leading "." in the label. */
function edges(mermaid: string): [string, string, string][] {
  return [...mermaid.matchAll(/^\s+(\S+) (-->|-\.->)(?:\|([^|]*)\|)? (\S+)$/gm)].map((m) => [m[1]!, `${m[2] === '-.->' ? '.' : ''}${m[3] ?? ''}`, m[4]!]);
}

describe.each(ids)('%s', (id) => {
  const profile = getProfile(id);
  const mermaid = profileToMermaid(profile);
  const flow = edges(mermaid);

  test('is a top-down flowchart with start and end', () => {
    expect(mermaid.startsWith('flowchart TD\n')).toBe(true);
    expect(mermaid).toMatch(/^\s+mulai\(\[Mulai\]\)$/m);
    expect(mermaid).toMatch(/^\s+selesai\(\[Selesai\]\)$/m);
    expect(flow.some(([from]) => from === 'mulai')).toBe(true);
    expect(flow.filter(([, , to]) => to === 'selesai').length).toBeGreaterThan(0);
  });

  test('has one node per step, labelled with its SOP number, performer and time', () => {
    for (const step of profile.steps) {
      const node = new RegExp(`^\\s+${stepNodeId(step)}\\["(.*)"\\]$`, 'm').exec(mermaid);
      expect(node).not.toBeNull();
      const label = node![1]!;
      expect(label.startsWith(`${escapeMermaid(step.sopStep)}. `)).toBe(true);
      expect(label).toContain(escapeMermaid(profile.roles[step.performer]!.title));
      if (step.duration) expect(label).toContain(`${step.duration.amount} ${step.duration.unit}`);
      expect(label).not.toMatch(/"/);
      // Every step is reached.
      expect(flow.some(([, , to]) => to === stepNodeId(step))).toBe(true);
    }
  });

  test('branches on capacity: Ya to the available path, Tidak to the unavailable one or the end', () => {
    expect(mermaid).toMatch(/^\s+kapasitas\{"Kapasitas masih tersedia\?"\}$/m);
    const ya = flow.filter(([from, label]) => from === 'kapasitas' && label === 'Ya');
    const tidak = flow.filter(([from, label]) => from === 'kapasitas' && label === 'Tidak');
    expect(ya).toHaveLength(1);
    expect(tidak).toHaveLength(1);
    const target = (edge: [string, string, string]) => profile.steps.find((s) => stepNodeId(s) === edge[2]);
    expect(target(ya[0]!)?.onlyIf).toBe('capacityAvailable');
    const unavailable = profile.steps.find((s) => s.onlyIf === 'capacityUnavailable');
    if (unavailable) expect(tidak[0]![2]).toBe(stepNodeId(unavailable));
    else expect(tidak[0]![2]).toBe('selesai');
  });

  test('sends a spec mismatch back to the delivery step and a rejection to Ditolak', () => {
    const delivery = profile.steps.find((s) => s.id === profile.branches.specMismatchReturnsTo)!;
    const verification = profile.steps.find((s) => s.actions.some((a) => a.kind === 'specVerification'))!;
    expect(flow).toContainEqual([stepNodeId(verification), '.Spesifikasi tidak sesuai', stepNodeId(delivery)]);
    for (const step of profile.steps.filter((s) => s.actions.some((a) => a.kind === 'approval'))) {
      expect(flow).toContainEqual([stepNodeId(step), 'Ditolak', 'ditolak']);
    }
    expect(mermaid).toMatch(/^\s+ditolak\(\[Ditolak\]\)$/m);
  });
});

test('the paths: Cirebon ends at Tidak; Jateng goes 4 -> 8; Sumbar parts after step 4', () => {
  const targetOf = (id: string, label: string) => {
    const profile = getProfile(id);
    const to = edges(profileToMermaid(profile)).find(([from, l]) => from === 'kapasitas' && l === label)![2];
    return profile.steps.find((s) => stepNodeId(s) === to)?.sopStep ?? to;
  };
  const from = (id: string) => {
    const profile = getProfile(id);
    const source = edges(profileToMermaid(profile)).find(([, , to]) => to === 'kapasitas')![0];
    return profile.steps.find((s) => stepNodeId(s) === source)!.sopStep;
  };
  expect([from('cirebon'), targetOf('cirebon', 'Ya'), targetOf('cirebon', 'Tidak')]).toEqual(['3', '4', 'selesai']);
  expect([from('jateng'), targetOf('jateng', 'Ya'), targetOf('jateng', 'Tidak')]).toEqual(['4', '5', '8']);
  expect([from('sumbar'), targetOf('sumbar', 'Ya'), targetOf('sumbar', 'Tidak')]).toEqual(['4', '5a', '5b']);
});

test('titles are shortened sensibly and quotes escaped', () => {
  expect(shortTitle('Mengecek ketersediaan kapasitas infrastruktur (server, listrik, UPS, genset, bandwidth, tempat)')).toBe(
    'Mengecek ketersediaan kapasitas infrastruktur',
  );
  const long = shortTitle('Surat balasan yang telah di ttd Kepala Dinas untuk diteruskan ke OPD pemohon (diterima)');
  expect(long.length).toBeLessThanOrEqual(60);
  expect(long).toMatch(/… \(diterima\)$/);
  expect(shortTitle('Pendek')).toBe('Pendek');

  const profile = structuredClone(getProfile('ciamis')) as Profile;
  profile.steps[1]!.title = 'Memverifikasi "surat" <segera> #1';
  const mermaid = profileToMermaid(profile);
  expect(mermaid).toContain('2. Memverifikasi #quot;surat#quot; #lt;segera#gt; #35;1<br/>');
});
