// A profile as the page an official reads beside the SOP (docs/profiles/<id>.md): the agency's
// calendar, roles and capacity dimensions, then each procedure as the SOP's table (mutu baku, who
// records what, where the flow goes) and its diagram. Pure: scripts/diagrams.ts writes the pages,
// and a test compares them with what is on disk, so the docs cannot drift from the profiles.
import { actionRules } from './actions';
import { branchOf, formatDuration, procedureToMermaid } from './diagram';
import { placementSettingsOf, type Activity, type CapacityDimension, type Procedure, type Profile, type ProfileAction, type Role, type Target } from './schema';
import { nextTarget } from '../../workflows/sop/flow';

const weekdays = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The SOPs' own words for the capacity dimensions (GLOSSARY.md). */
const dimensionWords: Record<CapacityDimension, string> = {
  space: 'tempat',
  power: 'listrik',
  ups: 'UPS',
  genset: 'genset',
  bandwidth: 'bandwidth',
  ipAddress: 'alamat IP',
};

/** A markdown table cell: one line, pipes escaped, a dash when empty. */
function cell(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
  return clean || '–';
}

function roleTitle(profile: Profile, role: Role): string {
  return profile.roles[role]?.title ?? role;
}

function targetText(target: Target): string {
  if ('end' in target) return `selesai (${target.end})`;
  return target.only ? `${target.goto} (ulang: ${target.only.join(', ')})` : target.goto;
}

function nextText(procedure: Procedure, row: Activity): string {
  const branch = branchOf(row);
  if (!branch) return targetText(nextTarget(procedure, row, undefined));
  const answeredBy = branch.answer === 'action' ? '' : ` [kondisi \`${branch.answer}\`]`;
  return `${branch.question}${answeredBy} Ya → ${targetText(branch.ya)} / Tidak → ${targetText(branch.tidak)}`;
}

/** The row's performer, and who else records an action in it (e.g. staff record a delivery). */
function performerText(profile: Profile, row: Activity): string {
  const others = new Map<Role, string[]>();
  for (const action of row.actions) {
    if (action.kind === 'letter' || !action.by || action.by === row.performer) continue;
    others.set(action.by, [...(others.get(action.by) ?? []), action.kind]);
  }
  const recorded = [...others].map(([role, kinds]) => `dicatat oleh ${roleTitle(profile, role)} (${kinds.join(', ')})`);
  return [roleTitle(profile, row.performer), ...recorded].join('; ');
}

function actionText(action: ProfileAction): string {
  const rule = actionRules[action.kind];
  const effects = [...(rule.effects.before ?? []).map((e) => `${e} (saat jatuh tempo)`), ...rule.effects.after];
  const kind = action.letter ? `letter ${action.letter}` : action.kind;
  return `${action.label} (\`${kind}\` → ${effects.join(', ')}${rule.scheduled ? '; sesuai jadwal' : ''})`;
}

function actionsText(row: Activity): string {
  if (!row.actions.length) return 'dicatat saat permohonan diajukan';
  return row.actions.map(actionText).join('; ');
}

/** The shape of this procedure's request numbers (schema: "JTG-BU-2026-0001"; no code for colocation). */
function requestNumber(profile: Profile, procedure: Procedure): string {
  return [profile.code, procedure.code, 'YYYY', 'NNNN'].filter(Boolean).join('-');
}

function sopLines(profile: Profile, procedure: Procedure): string[] {
  const { sop, sla } = procedure;
  const dates = [sop.madeOn && `dibuat ${sop.madeOn}`, sop.revisedOn && `direvisi ${sop.revisedOn}`, sop.effectiveOn && `berlaku ${sop.effectiveOn}`];
  const approver = sop.approvedBy && [sop.approvedBy.title, sop.approvedBy.name, sop.approvedBy.nip && `NIP ${sop.approvedBy.nip}`].filter(Boolean).join(', ');
  return [
    `- **SOP**: ${sop.title}${sop.number ? `, nomor ${sop.number}` : ''}`,
    `- **Dates**: ${dates.filter(Boolean).join('; ') || 'not stated in the SOP'}`,
    `- **Approved by**: ${approver || 'not stated in the SOP'}`,
    `- **Source**: seed file \`${sop.source}\``,
    `- **Request**: \`${procedure.request}\`; request numbers \`${requestNumber(profile, procedure)}\`, workflow IDs \`${procedure.id}-${requestNumber(profile, procedure)}\``,
    `- **SLA**: escalation ${formatDuration(sla.escalateAfter)} after a missed row time; applicant grace ${formatDuration(sla.applicantGrace)}${sla.total ? `; whole service within ${formatDuration(sla.total)} kerja (the agency's own time)` : ''}`,
    ...(procedure.note ? [`- **Note**: ${procedure.note}`] : []),
  ];
}

function procedureSection(profile: Profile, procedure: Procedure): string[] {
  const out = [`## ${procedure.title} (\`${procedure.id}\`)`, '', ...sopLines(profile, procedure), ''];
  out.push('| No | Aktivitas | Pelaksana | Kelengkapan | Waktu | Output | Tindakan | Lanjut | Catatan |', '|---|---|---|---|---|---|---|---|---|');
  for (const row of procedure.activities) {
    const cells = [
      row.no,
      row.title,
      performerText(profile, row),
      row.documents.join(', '),
      row.duration ? formatDuration(row.duration) : '',
      row.output,
      actionsText(row),
      nextText(procedure, row),
      row.note ?? '',
    ];
    out.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  out.push('', '```mermaid', procedureToMermaid(profile, procedure).trimEnd(), '```', '');
  return out;
}

function calendarLines(profile: Profile): string[] {
  const { calendar } = profile;
  const holidays = `national holidays (${calendar.holidays.country}${calendar.holidays.region ? `, region ${calendar.holidays.region}` : ''}) and cuti bersama`;
  const extra = Object.entries(calendar.extraNonWorkingDates).map(([year, dates]) => `${year}: ${dates.join(', ') || 'none'}`);
  return [
    `- **Calendar**: working days ${calendar.workingDays.map((d) => weekdays[d]).join(', ')}, ${calendar.workingHours.start}–${calendar.workingHours.end} ${profile.timeZone}; ${holidays}.`,
    `- **Agency non-working dates** (admins add more over the API): ${extra.join('; ') || 'none in the profile'}`,
  ];
}

/** The yearly register review: when, how long, who; nothing where the profile has none. */
function registerReviewLines(profile: Profile): string[] {
  const review = profile.registerReview;
  if (!review) return [];
  const { month, day, hour } = review.schedule;
  const pad = (n: number) => String(n).padStart(2, '0');
  return [
    `- **Register review**: yearly on ${pad(day)}-${pad(month)} at ${pad(hour)}:00 ${profile.timeZone} (Schedule \`register-review-${profile.id}\`); ` +
      `${review.duration.amount} ${review.duration.unit} kerja by \`${review.performer}\`, escalated to \`${review.escalateTo}\` after ${review.escalateAfter.amount} ${review.escalateAfter.unit} kerja more. ${review.note}`,
  ];
}

function placementLine(profile: Profile): string {
  const { reminderLeadDays, extensionApprover, note } = placementSettingsOf(profile);
  return `- **Placements after go-live**: a temporary term is reminded ${reminderLeadDays.join(' and ')} days before its end; extensions are decided by ${roleTitle(profile, extensionApprover)} (\`${extensionApprover}\`)${profile.placements ? '' : ' (defaults)'}${note ? `. ${note}` : ''}`;
}

export function profileMarkdown(profile: Profile): string {
  const out: string[] = [
    `# ${profile.agency.name} (\`${profile.id}\`)`,
    '',
    `<!-- Generated by scripts/diagrams.ts from profiles/${profile.id}.json: edit the profile, then run npm run docs:profiles. -->`,
    '',
    `- **Region**: ${profile.agency.region}; request code \`${profile.code}\`; profile version ${profile.version}`,
    ...calendarLines(profile),
    `- **Capacity dimensions**: ${profile.capacity.dimensions.map((d) => `\`${d}\` (${dimensionWords[d]})`).join(', ')}${profile.capacity.note ? `. ${profile.capacity.note}` : ''}`,
    `- **Procedures**: ${profile.procedures.map((p) => `${p.title} (\`${p.id}\`)`).join(', ')}`,
    ...registerReviewLines(profile),
    placementLine(profile),
    '',
    '## Roles',
    '',
    '| Code | Title | Superior |',
    '|---|---|---|',
    ...Object.entries(profile.roles).map(([code, role]) => `| \`${code}\` | ${cell(role.title)} | ${role.superior ? `\`${role.superior}\`` : '–'} |`),
    '',
  ];
  for (const procedure of profile.procedures) out.push(...procedureSection(profile, procedure));
  return out.join('\n');
}
