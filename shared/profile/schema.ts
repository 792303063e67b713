// The format of an SOP profile: one agency's SOP book as data. A profile holds the agency's
// calendar, roles and capacity dimensions, and its procedures; each procedure is written the way an
// SOP AP writes it (../shared/SOP-AP.md): numbered activities with performer, mutu baku (kelengkapan,
// waktu, output) and decision rows whose "Ya" and "Tidak" name the next activity or the end.
// Nothing here assumes colocation: what an action does is a named effect (shared/profile/actions.ts),
// never the position of a row. A running case keeps the snapshot it started with.
import { z } from 'zod';
import { actionRules } from './actions';
import { isoDateSchema, type Role, roleSchema } from './roles';
import { actionKinds, conditionNames, documentKinds, endStatuses, letterNames, requestKinds } from './vocabulary';

export { isoDateSchema, roleCodes, roleSchema, type Role } from './roles';

/** A mutu baku time as the SOP writes it: "15 menit", "1 jam", "2 hari" (working time). */
export const durationSchema = z.object({
  amount: z.number().positive(),
  unit: z.enum(['menit', 'jam', 'hari']),
});
export type SopDuration = z.infer<typeof durationSchema>;

export const timeZoneSchema = z.enum(['WIB', 'WITA', 'WIT']);
export type IndonesianTimeZone = z.infer<typeof timeZoneSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm');

export const calendarSchema = z.object({
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workingDays: z.array(z.number().int().min(1).max(7)).min(1),
  workingHours: z.object({ start: clock, end: clock }).refine((h) => h.start < h.end, 'start must be before end'),
  /** National holidays come from the date-holidays library for this country (and region, if any). */
  holidays: z.object({ country: z.literal('ID'), region: z.string().optional() }),
  /**
   * Non-working dates of this agency known when the profile was written, per year. Admins add
   * further years and dates over the API (working calendar), without a deploy.
   */
  extraNonWorkingDates: z.record(z.string().regex(/^\d{4}$/), z.array(isoDateSchema)).default({}),
});
export type CalendarSpec = z.infer<typeof calendarSchema>;

/** The infrastructure an agency's capacity check counts, as its SOP lists them. */
export const capacityDimensions = ['space', 'power', 'ups', 'genset', 'bandwidth', 'ipAddress'] as const;
export const capacityDimensionSchema = z.enum(capacityDimensions);
export type CapacityDimension = z.infer<typeof capacityDimensionSchema>;

export const actionKindSchema = z.enum(actionKinds);
export type ActionKind = z.infer<typeof actionKindSchema>;

const rowNumber = z.string().regex(/^\d+[a-z]?$/, 'an SOP row number such as "4"');

/** Where the procedure goes after a row, or after one answer of a decision row. */
export const targetSchema = z.union([
  /** Continue at that row. With `only`, run just those actions of the row, then come back. */
  z.strictObject({ goto: rowNumber, only: z.array(actionKindSchema).min(1).optional() }),
  /** "Selesai": the case closes with this status. */
  z.strictObject({ end: z.enum(endStatuses), reason: z.string().min(1) }),
]);
export type Target = z.infer<typeof targetSchema>;

/**
 * A decision row ("Apakah …? a. Ya, lanjut ke aktivitas 5  b. Tidak, proses selesai"). The answer
 * comes from the row's deciding action (`answer: "action"`: an approval, a capacity check, a
 * verification) or from a named condition on the case's facts.
 */
export const branchSchema = z.strictObject({
  question: z.string().min(1),
  answer: z.union([z.literal('action'), z.enum(conditionNames)]),
  ya: targetSchema,
  tidak: targetSchema,
});
export type Branch = z.infer<typeof branchSchema>;

export const actionSchema = z.strictObject({
  kind: actionKindSchema,
  /** Who records this action. Defaults to the row's performer; differs e.g. when staff record an applicant's delivery. */
  by: roleSchema.optional(),
  /** What the action is, in the SOP's words, for the task inbox and emails. */
  label: z.string().min(1),
  /** For the `letter` action: which letter the system sends. */
  letter: z.enum(letterNames).optional(),
});
export type ProfileAction = z.infer<typeof actionSchema>;

export const activitySchema = z.strictObject({
  /** The SOP's own row number. */
  no: rowNumber,
  /** The activity as the SOP words it. */
  title: z.string().min(1),
  /** The role responsible for the row's time standard (reminders and escalation go here). */
  performer: roleSchema,
  /** Mutu baku: kelengkapan / persyaratan. */
  documents: z.array(z.string()),
  /** Mutu baku: waktu. Absent where the SOP sets no time. */
  duration: durationSchema.optional(),
  /** Mutu baku: output. */
  output: z.string(),
  /** What is recorded in this row, in order. Empty for the submission row only. */
  actions: z.array(actionSchema),
  /** Where the procedure goes next: the following row when absent, "selesai" after the last. */
  next: z.union([targetSchema, branchSchema]).optional(),
  /** Where the SOP is silent or the PDF lost something (e.g. who performs the row), and what was decided. */
  note: z.string().optional(),
});
export type Activity = z.infer<typeof activitySchema>;

export const sopIdentitySchema = z.strictObject({
  title: z.string().min(1),
  number: z.string().optional(),
  madeOn: z.string().optional(),
  revisedOn: z.string().optional(),
  effectiveOn: z.string().optional(),
  approvedBy: z.strictObject({ name: z.string().optional(), title: z.string().min(1), nip: z.string().optional() }).optional(),
  /** The seed file this procedure transcribes. */
  source: z.string().min(1),
});

export const procedureSchema = z.strictObject({
  /** Also the workflow ID prefix: "colocation-CRB-2026-0001". */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  /** In this procedure's request numbers after the agency code ("JTG-BU-2026-0001"); none for colocation. */
  code: z.string().regex(/^[A-Z]{2}$/).optional(),
  /** What the applicant submits to open a case of this procedure. */
  request: z.enum(requestKinds),
  title: z.string().min(1),
  sop: sopIdentitySchema,
  /** Where the procedure is not a seed SOP's table (a withdrawal follows a form): what it follows and why. */
  note: z.string().optional(),
  activities: z.array(activitySchema).min(1),
  sla: z.strictObject({
    /** After a breach, how much more working time before the case is escalated to the superior. */
    escalateAfter: durationSchema,
    /** How long past its deadline an applicant row may go before the case expires. */
    applicantGrace: durationSchema,
    /** A standard for the whole service, where the SOP sets one (Kaltim: 4 working days). */
    total: durationSchema.optional(),
  }),
});
export type Procedure = z.infer<typeof procedureSchema>;

/**
 * The yearly review of the asset register (Kaltim: "daftar aset register server harus ditinjau
 * setidaknya satu kali dalam setahun"): when the agency's Temporal Schedule opens it, how much
 * working time the data center has, who reviews, and whom it is escalated and reported to.
 */
export const registerReviewSchema = z.strictObject({
  /** When the review opens each year, in the agency's own time zone. Day at most 28: every month has it. */
  schedule: z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28), hour: z.number().int().min(0).max(23) }),
  /** Working time allowed to review every asset; past it, the performer is reminded. */
  duration: durationSchema,
  /** After the reminder, how much more working time before the escalation role is told. */
  escalateAfter: durationSchema,
  /** Who reviews the assets (data center staff). */
  performer: roleSchema,
  /** Whom an overdue review is escalated to; also receives the report. */
  escalateTo: roleSchema,
  /** Where the SOP says it, or what was decided where it is silent. */
  note: z.string().min(1),
});
export type RegisterReviewSpec = z.infer<typeof registerReviewSchema>;
/** A placed server's life after go-live (workflows/placement.ts): reminders of a temporary term and who extends it. */
export const placementSettingsSchema = z.strictObject({
  /** Days before a temporary term ends when the applicant and staff are reminded. */
  reminderLeadDays: z.array(z.number().int().min(1).max(365)).min(1),
  /** The role that approves or rejects an extension of a temporary term. */
  extensionApprover: roleSchema,
  note: z.string().optional(),
});
export type PlacementSettings = z.infer<typeof placementSettingsSchema>;

/** Where a profile says nothing: reminded 30 and 7 days before the end, the Kabid extends. */
export const defaultPlacementSettings: PlacementSettings = { reminderLeadDays: [30, 7], extensionApprover: 'kabid' };

export function placementSettingsOf(profile: Pick<Profile, 'placements'>): PlacementSettings {
  return profile.placements ?? defaultPlacementSettings;
}

/**
 * An agency's document numbers: `{prefix}` (per kind of document), `{seq:N}` (the running number of
 * the agency and year, N digits at least), `{code}`, `{year}` and `{month}` (Roman, as letters write it).
 */
export const documentNumberingSchema = z.strictObject({
  numberFormat: z
    .string()
    .min(1)
    .max(100)
    .regex(/\{seq(:[1-9])?\}/, 'must contain {seq} or {seq:N}')
    .regex(/\{year\}/, 'must contain {year}: the sequence starts again each year')
    .optional(),
  prefixes: z.partialRecord(z.enum(documentKinds), z.string().min(1).max(30)).optional(),
});
export type DocumentNumbering = z.infer<typeof documentNumberingSchema>;

export const profileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** Bumped on every edit; a case records the version it started with. */
    version: z.number().int().positive(),
    /** Short code used in request numbers, e.g. "CRB". */
    code: z.string().regex(/^[A-Z]{2,5}$/),
    agency: z.strictObject({
      name: z.string().min(1),
      region: z.string().min(1),
      /** Where its documents are signed ("Semarang, 23 November 2026"). */
      city: z.string().min(1).max(100).optional(),
      /** The kop surat's address lines (street, city, telephone); without them the letterhead names the region. */
      address: z.array(z.string().min(1).max(200)).max(3).optional(),
    }),
    timeZone: timeZoneSchema,
    calendar: calendarSchema,
    /**
     * The roles this profile uses, with the titles its SOP gives them and whom each escalates to.
     * Partial: zod 4 makes z.record over an enum exhaustive, and no SOP has every role.
     */
    roles: z.partialRecord(roleSchema, z.strictObject({ title: z.string().min(1), superior: roleSchema.optional() })),
    /** What the capacity check counts (the SOP's list); a dimension it does not name never blocks a case. */
    capacity: z.strictObject({ dimensions: z.array(capacityDimensionSchema).min(1), note: z.string().optional() }),
    procedures: z.array(procedureSchema).min(1),
    /** The yearly asset register review; a profile without it opens none. */
    registerReview: registerReviewSchema.optional(),
    placements: placementSettingsSchema.optional(),
    /** How this agency numbers the documents it issues (shared/documents/numbering.ts has the defaults). */
    documents: documentNumberingSchema.optional(),
  })
  .superRefine((profile, ctx) => {
    const roleDefined = (role: Role, path: (string | number)[]) => {
      if (!profile.roles[role]) ctx.addIssue({ code: 'custom', path, message: `role ${role} is not defined in roles` });
    };
    for (const role of ['applicant', 'kabid'] as const) roleDefined(role, ['roles', role]);
    if (profile.registerReview) {
      roleDefined(profile.registerReview.performer, ['registerReview', 'performer']);
      roleDefined(profile.registerReview.escalateTo, ['registerReview', 'escalateTo']);
    }
    if (profile.placements) roleDefined(profile.placements.extensionApprover, ['placements', 'extensionApprover']);
    for (const role of Object.values(profile.roles)) {
      if (role?.superior && !profile.roles[role.superior]) ctx.addIssue({ code: 'custom', path: ['roles'], message: `superior ${role.superior} is not defined` });
    }
    const procedureIds = new Set<string>();
    profile.procedures.forEach((procedure, p) => {
      if (procedureIds.has(procedure.id)) ctx.addIssue({ code: 'custom', path: ['procedures', p, 'id'], message: `duplicate procedure id ${procedure.id}` });
      procedureIds.add(procedure.id);
      const rows = new Map(procedure.activities.map((a) => [a.no, a]));
      if (rows.size !== procedure.activities.length) ctx.addIssue({ code: 'custom', path: ['procedures', p, 'activities'], message: 'activity numbers must be unique' });
      const checkTarget = (target: Target, path: (string | number)[]) => {
        if (!('goto' in target)) return;
        const row = rows.get(target.goto);
        if (!row) return ctx.addIssue({ code: 'custom', path, message: `no activity ${target.goto}` });
        for (const kind of target.only ?? []) {
          if (!row.actions.some((a) => a.kind === kind)) ctx.addIssue({ code: 'custom', path, message: `activity ${target.goto} has no ${kind} action` });
        }
      };
      procedure.activities.forEach((activity, i) => {
        const path = ['procedures', p, 'activities', i];
        roleDefined(activity.performer, [...path, 'performer']);
        activity.actions.forEach((action, j) => {
          roleDefined(action.by ?? activity.performer, [...path, 'actions', j]);
          if ((action.kind === 'letter') !== !!action.letter) ctx.addIssue({ code: 'custom', path: [...path, 'actions', j], message: 'a letter action names its letter, and only it does' });
          const needs = actionRules[action.kind].request;
          if (needs && needs !== procedure.request) ctx.addIssue({ code: 'custom', path: [...path, 'actions', j], message: `${action.kind} needs a ${needs} request; this procedure is opened by a ${procedure.request} request` });
        });
        if (!activity.actions.length && i !== 0) ctx.addIssue({ code: 'custom', path: [...path, 'actions'], message: 'only the first (submission) row may have no action' });
        const next = activity.next;
        if (!next) return;
        if ('question' in next) {
          checkTarget(next.ya, [...path, 'next', 'ya']);
          checkTarget(next.tidak, [...path, 'next', 'tidak']);
        } else checkTarget(next, [...path, 'next']);
      });
    });
  });
export type Profile = z.infer<typeof profileSchema>;

/** A profile as a running case holds it: the profile plus the non-working dates it knows so far. */
export interface ProfileSnapshot {
  profile: Profile;
  /** Non-working dates (national holidays, cuti bersama, agency days), YYYY-MM-DD, local time. */
  nonWorkingDates: string[];
  /** The years those dates cover; a case loads the next year when its clock reaches it. */
  years: number[];
  /**
   * Those of `years` whose cuti bersama was not recorded yet: the case asks for them again later.
   * Absent in snapshots taken before it existed (their histories replay as if every year was known).
   */
  missingYears?: number[];
}

export function findProcedure(profile: Profile, procedureId: string): Procedure | undefined {
  return profile.procedures.find((p) => p.id === procedureId);
}
