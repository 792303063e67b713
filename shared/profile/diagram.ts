// A profile as a Mermaid flowchart, for the docs and the admin view: one node per step, the capacity
// decision as a diamond, rejection and spec-mismatch edges. Pure (no I/O), so any layer may use it.
import type { Profile, ProfileStep, SopDuration } from './schema';

type Branch = NonNullable<ProfileStep['onlyIf']>;

const automaticKinds: ReadonlySet<string> = new Set(['notifyApplicant', 'completionReport']);

/** "15 menit", "1 jam", "2 hari". */
export function formatDuration(duration: SopDuration): string {
  return `${duration.amount} ${duration.unit}`;
}

/**
 * A step title short enough for a diagram node: whitespace collapsed, then, if still too long,
 * parenthesised lists dropped, then cut at a word boundary with an ellipsis. A short trailing
 * parenthesis is kept, since it often tells split steps apart ("… (diterima)", "… (ditolak)").
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

/** The Mermaid node id of a step (prefixed, so a step id never collides with a keyword like "end"). */
export function stepNodeId(step: Pick<ProfileStep, 'id'>): string {
  return `s_${step.id.replace(/-/g, '_')}`;
}

const START = 'mulai';
const END = 'selesai';
const REJECTED = 'ditolak';
const DECISION = 'kapasitas';

export function profileToMermaid(profile: Profile): string {
  const steps = profile.steps;
  const lines: string[] = ['flowchart TD', `  ${START}([Mulai])`];

  for (const step of steps) {
    const performer = profile.roles[step.performer]?.title ?? step.performer;
    const time = step.duration ? ` · ${formatDuration(step.duration)}` : '';
    const label = `${escapeMermaid(`${step.sopStep}. ${shortTitle(step.title)}`)}<br/>${escapeMermaid(`${performer}${time}`)}`;
    lines.push(`  ${stepNodeId(step)}["${label}"]`);
  }

  // The two paths a case can take: the steps it runs when capacity is available, and when not.
  const onPath = (branch: Branch): ProfileStep[] => steps.filter((s) => !s.onlyIf || s.onlyIf === branch);
  const yes = onPath('capacityAvailable');
  let no = onPath('capacityUnavailable');
  // The decision sits where the paths part; if they never do, right after the capacity check,
  // with "Tidak" ending the case.
  let split = 0;
  while (split < yes.length && split < no.length && yes[split] === no[split]) split++;
  if (split === yes.length && split === no.length) {
    const check = yes.findIndex((s) => s.actions.some((a) => a.kind === 'capacityCheck'));
    split = check >= 0 ? check + 1 : -1;
    if (split >= 0) no = yes.slice(0, split);
  }

  const edges: string[] = [];
  const edge = (from: string, to: string, label?: string, dotted = false): void => {
    const arrow = dotted ? '-.->' : '-->';
    const line = `  ${from} ${arrow}${label ? `|${label}|` : ''} ${to}`;
    if (!edges.includes(line)) edges.push(line);
  };
  const node = (step: ProfileStep | undefined): string => (step ? stepNodeId(step) : END);
  const chain = (path: ProfileStep[], from: number): void => {
    for (let i = from; i < path.length; i++) edge(i === 0 ? START : node(path[i - 1]), node(path[i]));
  };

  if (split < 0) {
    chain(yes, 0);
    edge(node(yes[yes.length - 1]), END);
  } else {
    chain(yes.slice(0, split), 0);
    lines.push(`  ${DECISION}{"Kapasitas masih tersedia?"}`);
    edge(split === 0 ? START : node(yes[split - 1]), DECISION);
    edge(DECISION, node(yes[split]), 'Ya');
    edge(DECISION, node(no[split]), 'Tidak');
    for (const path of [yes, no]) {
      for (let i = split + 1; i < path.length; i++) edge(node(path[i - 1]), node(path[i]));
      if (path.length > split) edge(node(path[path.length - 1]), END);
    }
  }

  const approvals = steps.filter((s) => s.actions.some((a) => a.kind === 'approval'));
  for (const step of approvals) edge(stepNodeId(step), REJECTED, 'Ditolak');

  const returnTo = steps.find((s) => s.id === profile.branches.specMismatchReturnsTo);
  for (const step of steps.filter((s) => s.actions.some((a) => a.kind === 'specVerification'))) {
    if (returnTo) edge(stepNodeId(step), stepNodeId(returnTo), 'Spesifikasi tidak sesuai', true);
  }

  lines.push(`  ${END}([Selesai])`);
  if (approvals.length) lines.push(`  ${REJECTED}([Ditolak])`);
  lines.push(...edges);

  const applicantSteps = steps.filter((s) => s.performer === 'applicant').map(stepNodeId);
  const automaticSteps = steps.filter((s) => s.actions.every((a) => automaticKinds.has(a.kind))).map(stepNodeId);
  lines.push('  classDef pemohon fill:#fff4dd,stroke:#c98a00');
  lines.push('  classDef otomatis fill:#e8f1ff,stroke:#3d6fb6');
  if (applicantSteps.length) lines.push(`  class ${applicantSteps.join(',')} pemohon`);
  if (automaticSteps.length) lines.push(`  class ${automaticSteps.join(',')} otomatis`);
  return `${lines.join('\n')}\n`;
}
