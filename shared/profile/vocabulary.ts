// The words a profile may use: what people record (action kinds), the letters the system sends, the
// conditions a decision row may read, how a procedure may end, and what an applicant may request.
// Each list is closed: what each word does lives in one typed registry (shared/profile/actions.ts,
// workflows/sop/effects.ts, workflows/sop/conditions.ts), so a new word without its meaning does
// not compile.

/** What a person records in a row (an Update), or, for `letter`, what the system sends on its own. */
export const actionKinds = [
  'disposition',
  'clarification',
  'capacityCheck',
  'powerCheck',
  'applicationForm',
  'approval',
  'deviceDelivery',
  'specVerification',
  'installation',
  'handover',
  'backupPlan',
  'backupRun',
  'backupStop',
  'restoreRun',
  'restoreReport',
  'decision',
  'task',
  'withdrawalApproval',
  'removal',
  'letter',
] as const;

/** Letters (emails in Bahasa Indonesia) the system sends the applicant on a row's behalf. */
export const letterNames = ['approved', 'replyLetter', 'noCapacity', 'completionReport', 'backupStopped', 'restoreResult', 'withdrawalReport'] as const;
export type LetterName = (typeof letterNames)[number];

/**
 * The documents an agency issues and numbers, as the seeds name them: the four forms, the berita
 * acara, and the letters that go to the applicant. Each is also the last part of a document's id.
 */
export const documentKinds = [
  'form-pengajuan',
  'form-persetujuan',
  'bast',
  'form-pencabutan',
  'ba-klarifikasi',
  'ba-pengerjaan',
  'surat-persetujuan',
  'surat-balasan',
  'surat-kapasitas',
  'surat-penghentian-backup',
  'surat-hasil-restore',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** Facts of a case a decision row may read instead of a person's answer. */
export const conditionNames = ['capacityAvailable', 'backupToContinue'] as const;
export type ConditionName = (typeof conditionNames)[number];

/** How a procedure's own flow may end ("selesai"); withdrawal, expiry and cancellation come from outside it. */
export const endStatuses = ['completed', 'rejected', 'noCapacity'] as const;
export type EndStatus = (typeof endStatuses)[number];

/** What an applicant submits to open a case; each has its frozen workflow input schema. */
export const requestKinds = ['colocation', 'backup', 'restore', 'withdrawal'] as const;
export type RequestKind = (typeof requestKinds)[number];
