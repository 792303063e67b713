import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { procedureToMermaid } from '../../shared/profile/diagram';
import { profileMarkdown } from '../../shared/profile/docs';
import { listProfiles } from '../../shared/profile/registry';
import { fixtureProfile } from '../fixtures/profile';

const docsDir = path.resolve(__dirname, '../../docs/profiles');

describe('docs/profiles is generated from profiles/', () => {
  const profiles = listProfiles();

  test.each(profiles.map((p) => [p.id, p] as const))('docs/profiles/%s.md is up to date', (id, profile) => {
    const file = path.join(docsDir, `${id}.md`);
    const onDisk = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (onDisk !== profileMarkdown(profile)) throw new Error(`docs/profiles/${id}.md is stale: run npm run docs:profiles`);
  });

  test('no page is left for a profile that is gone', () => {
    const ids = new Set(profiles.map((p) => p.id));
    const orphans = readdirSync(docsDir).filter((name) => name.endsWith('.md') && !ids.has(path.basename(name, '.md')));
    expect(orphans.map((name) => `docs/profiles/${name} has no profile: run npm run docs:profiles`)).toEqual([]);
  });
});

describe('a profile page', () => {
  const page = profileMarkdown(fixtureProfile);
  /** The table row of a procedure's activity, as its cells. */
  const row = (procedureId: string, no: string): string[] => {
    const section = page.split(/^## /m).find((s) => s.split('\n')[0]!.endsWith(`(\`${procedureId}\`)`))!;
    const line = section.split('\n').find((l) => l.startsWith(`| ${no} | `))!;
    return line.slice(2, -2).split(' | ');
  };

  test('shows the agency, its calendar, roles and capacity dimensions', () => {
    expect(page).toContain('# Dinas Kominfo Kabupaten Contoh (`contoh`)');
    expect(page).toContain('working days Mon, Tue, Wed, Thu, Fri, 07:30–16:00 WITA');
    expect(page).toContain('2026: 2026-04-17');
    expect(page).toContain('| `kabid` | Kabid Aptika | `kadis` |');
    expect(page).toContain('`space` (tempat), `power` (listrik). Hanya tempat dan listrik.');
  });

  test('gives each procedure its SOP identity', () => {
    expect(page).toContain('- **SOP**: SOP Penempatan Server, nomor 555/12');
    expect(page).toContain('- **Dates**: dibuat 2020-01-02; berlaku 2020-02-01');
    expect(page).toContain('- **Approved by**: Kepala Dinas, Budi, NIP 19700101 199903 1 001');
    expect(page).toContain('- **Source**: seed file `999_contoh.txt`');
    expect(page).toContain('request numbers `CTH-BU-YYYY-NNNN`, workflow IDs `backup-CTH-BU-YYYY-NNNN`');
  });

  test('has one table row per activity, with the mutu baku, actions and where the flow goes', () => {
    expect(page).toContain('| No | Aktivitas | Pelaksana | Kelengkapan | Waktu | Output | Tindakan | Lanjut | Catatan |');
    expect(row('colocation', '2')).toEqual([
      '2',
      'Mengecek ketersediaan kapasitas (tempat, listrik)',
      'Personil DC',
      '–',
      '1 jam',
      'Hasil cek',
      'Cek kapasitas (`capacityCheck` → proposeCapacity (saat jatuh tempo), reserveCapacity)',
      'Kapasitas masih tersedia? Ya → 3 / Tidak → selesai (noCapacity)',
      '–',
    ]);
    // A pipe in the SOP's text stays inside its cell.
    expect(row('colocation', '3')[1]).toBe('Mengantar server \\| perangkat');
    expect(row('colocation', '3')[2]).toBe('OPD Pemohon; dicatat oleh Personil DC (deviceDelivery)');
    expect(row('colocation', '3')[7]).toBe('4');
    expect(row('colocation', '4')[7]).toBe('Spesifikasi sesuai? Ya → 5 / Tidak → 3 (ulang: deviceDelivery)');
    expect(row('colocation', '5')[6]).toBe('Laporan selesai (`letter completionReport` → sendLetter)');
    expect(row('colocation', '5')[7]).toBe('selesai (completed)');
    expect(row('backup', '2')[7]).toBe('Back up lanjut? [kondisi `backupToContinue`] Ya → 3 / Tidak → 4');
    expect(row('backup', '3')[6]).toBe('Back up (`backupRun` → recordBackupRun; sesuai jadwal)');
  });

  test('ends each procedure with its diagram', () => {
    for (const procedure of fixtureProfile.procedures) {
      expect(page).toContain(['```mermaid', procedureToMermaid(fixtureProfile, procedure).trimEnd(), '```'].join('\n'));
    }
  });
});
