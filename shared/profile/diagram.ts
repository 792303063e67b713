// One procedure of a profile as a Mermaid flowchart, drawn the way the SOP draws it: a rectangle per
// row, a diamond for each decision row's question with its "Ya" and "Tidak" edges, "Selesai"
// terminators per outcome. Edges come from the same flow reading the workflow uses (nextTarget), so
// the picture cannot disagree with what a case does. Pure (no I/O), so any layer may use it.
import { nextTarget } from '../../workflows/sop/flow';
import { actionRules } from './actions';
import type { Activity, Branch, Profile, Procedure, SopDuration, Target } from './schema';

/** "15 menit", "1 jam", "2 hari". */
export function formatDuration(duration: SopDuration): string {
  return `${duration.amount} ${duration.unit}`;
}

/**
 * A title short enough for a diagram node: whitespace collapsed, then, if still too long,
 * parenthesised lists dropped, then cut at a word boundary with an ellipsis. A short trailing
 * parenthesis is kept, since it often tells rows apart ("… (diterima)", "… (ditolak)").
 */
export function shortTitle(title: string, max = 60): string {
  const full = title.replace(/\s+/g, ' ').trim();
  if (full.length <= max) return full;
  const suffix = /\s*(\([^()]{1,20}\))$/.exec(full);
  if (suffix?.[1]) return `${shortTitle(full.slice(0, suffix.index), max - suffix[1].length - 1)} ${suffix[1]}`;
  const bare = full.replace(/\s*\([^)]*\)/g, '').trim();
  if (bare.length <= max) return bare;
  const cut = bare.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const head = space > max / 2 ? cut.slice(0, space) : cut;
  return `${head.replace(/[\s,;:./-]+$/, '')}…`;
}

/** Text for inside a quoted Mermaid label: its own entity codes instead of characters it parses. */
export function escapeMermaid(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

/** Node ids are prefixed, so a row number never collides with a Mermaid keyword such as "end". */
export function rowNodeId(row: Pick<Activity, 'no'>): string {
  return `r_${row.no}`;
}
export function decisionNodeId(row: Pick<Activity, 'no'>): string {
  return `q_${row.no}`;
}
export function endNodeId(status: string): string {
  return `selesai_${status}`;
}
export const START_NODE = 'mulai';

/** The decision of a row, if it is a decision row. */
export function branchOf(row: Activity): Branch | undefined {
  return row.next && 'question' in row.next ? row.next : undefined;
}

/** A row whose every action the system does on its own (a letter) is drawn apart from people's work. */
function isAutomatic(row: Activity): boolean {
  return row.actions.length > 0 && row.actions.every((a) => a.kind === 'letter');
}

function sameText(a: string, b: string): boolean {
  const plain = (text: string) => text.replace(/\s+/g, ' ').replace(/[\s?]+$/, '').trim().toLowerCase();
  return plain(a) === plain(b);
}

function isScheduled(row: Activity): boolean {
  return row.actions.some((a) => actionRules[a.kind].scheduled);
}

function rowLabel(profile: Profile, row: Activity): string {
  const performer = profile.roles[row.performer]?.title ?? row.performer;
  const facts = [performer, row.duration && formatDuration(row.duration), isScheduled(row) && 'sesuai jadwal'].filter(Boolean).join(' · ');
  return `${escapeMermaid(`${row.no}. ${shortTitle(row.title)}`)}<br/>${escapeMermaid(facts)}`;
}

export function procedureToMermaid(profile: Profile, procedure: Procedure): string {
  const rows = procedure.activities;
  const position = new Map(rows.map((row, i) => [row.no, i]));
  const nodes: string[] = [`  ${START_NODE}([Mulai])`];
  const edges: string[] = [];
  const ends = new Set<string>();

  const edge = (from: string, to: Target, fromIndex: number, answer?: 'Ya' | 'Tidak'): void => {
    if ('end' in to) {
      ends.add(to.end);
      edges.push(`  ${from} -->${answer ? `|${answer}|` : ''} ${endNodeId(to.end)}`);
      return;
    }
    const target = rowNodeId({ no: to.goto });
    if (to.only) {
      // Only some actions of an earlier row run again, then the case comes back here.
      const label = [answer, `ulang: ${to.only.join(', ')}`].filter(Boolean).join(', ');
      edges.push(`  ${from} -.->|${label}| ${target}`);
      return;
    }
    // Going back without `only` repeats the row(s) in full: the SOP's loop ("back up lanjut?").
    const back = (position.get(to.goto) ?? Infinity) <= fromIndex;
    const label = answer ?? (back ? 'ulang' : undefined);
    edges.push(`  ${from} -->${label ? `|${label}|` : ''} ${target}`);
  };

  if (rows[0]) edges.push(`  ${START_NODE} --> ${rowNodeId(rows[0])}`);
  rows.forEach((row, i) => {
    const branch = branchOf(row);
    if (!branch) {
      nodes.push(`  ${rowNodeId(row)}["${rowLabel(profile, row)}"]`);
      edge(rowNodeId(row), nextTarget(procedure, row, undefined), i);
      return;
    }
    // A row the SOP words as its question ("4. Apakah kapasitas masih tersedia?") is itself the
    // diamond, as the SOP draws it; any other row is its work, then the question.
    let decision = rowNodeId(row);
    if (sameText(row.title, branch.question)) nodes.push(`  ${decision}{"${rowLabel(profile, row)}"}`);
    else {
      decision = decisionNodeId(row);
      nodes.push(`  ${rowNodeId(row)}["${rowLabel(profile, row)}"]`, `  ${decision}{"${escapeMermaid(branch.question)}"}`);
      edges.push(`  ${rowNodeId(row)} --> ${decision}`);
    }
    edge(decision, branch.ya, i, 'Ya');
    edge(decision, branch.tidak, i, 'Tidak');
  });
  for (const status of ends) nodes.push(`  ${endNodeId(status)}(["Selesai (${status})"])`);

  const applicantRows = rows.filter((r) => r.performer === 'applicant').map(rowNodeId);
  const automaticRows = rows.filter(isAutomatic).map(rowNodeId);
  const classes = ['  classDef pemohon fill:#fff4dd,stroke:#c98a00', '  classDef otomatis fill:#e8f1ff,stroke:#3d6fb6'];
  if (applicantRows.length) classes.push(`  class ${applicantRows.join(',')} pemohon`);
  if (automaticRows.length) classes.push(`  class ${automaticRows.join(',')} otomatis`);
  return `${['flowchart TD', ...nodes, ...edges, ...classes].join('\n')}\n`;
}
