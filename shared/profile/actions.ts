// What each action kind means, in one typed registry: who may answer a decision row with it, and
// which named effects it carries out (workflows/sop/effects.ts implements each effect). The
// registry is exhaustive over the action kinds, so a new kind without its meaning does not compile.
// Pure data and functions: the workflow, the API and the docs all read it.
import type { ActionKind } from './schema';
import type { RequestKind } from './vocabulary';

export type HumanActionKind = Exclude<ActionKind, 'letter'>;
export type Answer = 'ya' | 'tidak';

/** Every effect an action may have. Each one is implemented once, in workflows/sop/effects.ts. */
export const effectNames = [
  'proposeCapacity',
  'reserveCapacity',
  'recordPowerCheck',
  'updateApplicationForm',
  'recordApprovalForm',
  'recordDelivery',
  'recordVerification',
  'assignIpAddress',
  'registerMonitoring',
  'issueHandoverMinutes',
  'registerAssets',
  'recordBackupPlan',
  'recordBackupRun',
  'stopBackupSchedule',
  'recordRestore',
  'releasePlacement',
  'sendLetter',
  'recordOnly',
] as const;
export type EffectName = (typeof effectNames)[number];

export interface ActionRule {
  /** What the action does, in order. `before` runs as the action becomes due (a proposal to confirm). */
  effects: { before?: readonly EffectName[]; after: readonly [EffectName, ...EffectName[]] };
  /** How this action answers a decision row ("Ya"/"Tidak"), for kinds that can. */
  answer?: (payload: never) => Answer;
  /** Shown in the docs and the inbox: what a person does. */
  summary: string;
  /** A repeat waits for the next scheduled time before its row starts (a backup "sesuai jadwal"). */
  scheduled?: true;
  /** The request its effects read (servers, needs, the application form): only procedures opened by it may use the kind. */
  request?: RequestKind;
}

const rules = {
  disposition: { effects: { after: ['recordOnly'] }, summary: 'disposisi' },
  clarification: { effects: { after: ['recordOnly'] }, summary: 'berita acara klarifikasi' },
  capacityCheck: {
    effects: { before: ['proposeCapacity'], after: ['reserveCapacity'] },
    request: 'colocation',
    answer: (p: { outcome: string }) => (p.outcome === 'unavailable' ? 'tidak' : 'ya'),
    summary: 'cek kapasitas; "ya" mencadangkan tempat, daya, bandwidth dan alamat IP',
  },
  powerCheck: {
    effects: { after: ['recordPowerCheck'] },
    answer: (p: { outcome: string }) => (p.outcome === 'available' ? 'ya' : 'tidak'),
    summary: 'koordinasi kemampuan listrik',
  },
  applicationForm: { effects: { after: ['updateApplicationForm'] }, request: 'colocation', summary: 'form pengajuan' },
  approval: {
    effects: { after: ['recordApprovalForm'] },
    answer: (p: { decision: string }) => (p.decision === 'approve' ? 'ya' : 'tidak'),
    summary: 'persetujuan (form persetujuan)',
  },
  deviceDelivery: { effects: { after: ['recordDelivery'] }, summary: 'penerimaan perangkat server' },
  specVerification: {
    effects: { after: ['recordVerification'] },
    answer: (p: { result: string }) => (p.result === 'match' ? 'ya' : 'tidak'),
    summary: 'verifikasi kesesuaian spesifikasi',
  },
  installation: { effects: { after: ['assignIpAddress', 'registerMonitoring'] }, request: 'colocation', summary: 'pemasangan, alamat IP dan monitoring' },
  handover: { effects: { after: ['issueHandoverMinutes', 'registerAssets'] }, request: 'colocation', summary: 'berita acara serah terima dan aset register' },
  backupPlan: { effects: { after: ['recordBackupPlan'] }, summary: 'rencana back up dan jadwalnya' },
  backupRun: { effects: { after: ['recordBackupRun'] }, scheduled: true, summary: 'pelaksanaan back up (data file yang di-back up)' },
  backupStop: { effects: { after: ['stopBackupSchedule'] }, summary: 'penghentian back up' },
  restoreRun: { effects: { after: ['recordRestore'] }, summary: 'pelaksanaan restore' },
  restoreReport: { effects: { after: ['recordOnly'] }, summary: 'form pelaksanaan restore' },
  decision: { effects: { after: ['recordOnly'] }, answer: (p: { answer: Answer }) => p.answer, summary: 'jawaban ya/tidak' },
  task: { effects: { after: ['recordOnly'] }, summary: 'catatan pelaksanaan' },
  withdrawalApproval: {
    effects: { after: ['recordOnly'] },
    request: 'withdrawal',
    answer: (p: { decision: string }) => (p.decision === 'approve' ? 'ya' : 'tidak'),
    summary: 'persetujuan atau penolakan pencabutan co-location "dengan pertimbangan" (form pencabutan)',
  },
  removal: {
    effects: { after: ['releasePlacement'] },
    request: 'withdrawal',
    summary: 'pencabutan fisik server; melepas unit rak, alamat IP dan kapasitas, aset register menjadi "withdrawn"',
  },
  letter: { effects: { after: ['sendLetter'] }, summary: 'surat otomatis kepada pemohon' },
} satisfies Record<ActionKind, ActionRule>;

export const actionRules: Readonly<Record<ActionKind, ActionRule>> = rules;

export function isHumanAction(kind: ActionKind): kind is HumanActionKind {
  return kind !== 'letter';
}

/** The answer an action's payload gives a decision row, or undefined if this kind cannot answer. */
export function answerOf(kind: ActionKind, payload: unknown): Answer | undefined {
  const answer = actionRules[kind].answer as ((p: unknown) => Answer) | undefined;
  return answer?.(payload);
}
