// The format of an SOP profile: one agency's written procedure for colocation, as data the
// workflow runs. Profiles are validated here when loaded, and a running case keeps the snapshot it
// started with, so editing a profile never changes a case already under way.
import { z } from 'zod';

/** Role codes used in code; each profile gives them the titles its SOP uses (see GLOSSARY.md). */
export const roleCodes = ['applicant', 'kadis', 'kabid', 'kasi', 'dcStaff', 'helpdesk', 'pranataKomputer', 'generalAffairs'] as const;
export const roleSchema = z.enum(roleCodes);
export type Role = z.infer<typeof roleSchema>;

/** A mutu baku time as the SOP writes it: "15 menit", "1 jam", "2 hari" (working time). */
export const durationSchema = z.object({
  amount: z.number().positive(),
  unit: z.enum(['menit', 'jam', 'hari']),
});
export type SopDuration = z.infer<typeof durationSchema>;

export const timeZoneSchema = z.enum(['WIB', 'WITA', 'WIT']);
export type IndonesianTimeZone = z.infer<typeof timeZoneSchema>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

export const calendarSchema = z.object({
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  workingDays: z.array(z.number().int().min(1).max(7)).min(1),
  workingHours: z.object({ start: clock, end: clock }).refine((h) => h.start < h.end, 'start must be before end'),
  /** National holidays come from the date-holidays library for this country (and region, if any). */
  holidays: z.object({ country: z.literal('ID'), region: z.string().optional() }),
  /**
   * Extra non-working dates of this agency per year (regional leave), on top of the national
   * cuti bersama kept in profiles/calendar/cuti-bersama.json.
   */
  extraNonWorkingDates: z.record(z.string().regex(/^\d{4}$/), z.array(isoDate)).default({}),
});
export type CalendarSpec = z.infer<typeof calendarSchema>;

/**
 * What a person (or the system) does within a step. Human actions arrive as workflow Updates
 * (shared/decisions.ts); automatic ones are carried out by activities as soon as the step begins.
 */
export const humanActionKinds = [
  'disposition',
  'clarification',
  'capacityCheck',
  'applicationForm',
  'approval',
  'deviceDelivery',
  'specVerification',
  'installation',
  'handover',
  'task',
] as const;
export const automaticActionKinds = ['notifyApplicant', 'completionReport'] as const;
export const actionKindSchema = z.enum([...humanActionKinds, ...automaticActionKinds]);
export type ActionKind = z.infer<typeof actionKindSchema>;
export type HumanActionKind = (typeof humanActionKinds)[number];

/** Letters the system sends to the applicant on a step's behalf. */
export const notificationSchema = z.enum(['approved', 'replyLetter', 'noCapacity']);
export type ApplicantNotification = z.infer<typeof notificationSchema>;

export const actionSchema = z.object({
  kind: actionKindSchema,
  /** Who records this action. Defaults to the step's performer; differs e.g. when staff confirm an applicant's delivery. */
  by: roleSchema.optional(),
  /** What the action is, in the SOP's words, for the task inbox and emails. */
  label: z.string().min(1),
  /** For notifyApplicant: which letter. */
  notification: notificationSchema.optional(),
});
export type ProfileAction = z.infer<typeof actionSchema>;

export const stepSchema = z.object({
  /** Stable id within the profile, e.g. "disposition". */
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be kebab-case'),
  /** The SOP's own step number, e.g. "3" (or "5a" where one SOP row is split by a branch). */
  sopStep: z.string().min(1),
  /** The activity as the SOP words it. */
  title: z.string().min(1),
  /** The role responsible for the step's time standard (reminders and escalation go here). */
  performer: roleSchema,
  /** Mutu baku: kelengkapan (required documents). */
  documents: z.array(z.string()),
  /** Mutu baku: waktu. Absent where the SOP sets no time. */
  duration: durationSchema.optional(),
  /** Mutu baku: output. */
  output: z.string(),
  actions: z.array(actionSchema).min(1),
  /** Steps that run only on one side of the capacity branch. */
  onlyIf: z.enum(['capacityAvailable', 'capacityUnavailable']).optional(),
  /** Why a step differs from the SOP text, where it must (e.g. the SOP sets no time). */
  note: z.string().optional(),
});
export type ProfileStep = z.infer<typeof stepSchema>;

export const profileSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    /** Bumped on every edit; a case records the version it started with. */
    version: z.number().int().positive(),
    /** Short code used in request numbers, e.g. "CRB". */
    code: z.string().regex(/^[A-Z]{2,5}$/),
    agency: z.object({ name: z.string().min(1), region: z.string().min(1) }),
    sop: z.object({
      title: z.string().min(1),
      number: z.string().optional(),
      date: z.string().optional(),
      /** The seed file this profile transcribes. */
      source: z.string().min(1),
    }),
    timeZone: timeZoneSchema,
    calendar: calendarSchema,
    /**
     * The roles this profile uses, with the titles its SOP gives them and whom each escalates to.
     * Partial: zod 4 makes z.record over an enum exhaustive, and no SOP has all eight roles.
     */
    roles: z.partialRecord(roleSchema, z.object({ title: z.string().min(1), superior: roleSchema.optional() })),
    steps: z.array(stepSchema).min(1),
    sla: z.object({
      /** After a breach, how much more working time before the case is escalated to the superior. */
      escalateAfter: durationSchema,
      /** How long past its deadline an applicant step may go before the case expires. */
      applicantGrace: durationSchema,
      /** A standard for the whole service, where the SOP sets one (Kaltim: 4 working days). */
      total: durationSchema.optional(),
    }),
    branches: z.object({
      /** Where a spec mismatch sends the case back to: the step holding the device delivery. */
      specMismatchReturnsTo: z.string(),
    }),
  })
  .superRefine((profile, ctx) => {
    const ids = new Set<string>();
    profile.steps.forEach((step, i) => {
      if (ids.has(step.id)) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id ${step.id}` });
      ids.add(step.id);
      const roles = [step.performer, ...step.actions.map((a) => a.by ?? step.performer)];
      for (const role of roles) {
        if (!profile.roles[role]) ctx.addIssue({ code: 'custom', path: ['steps', i], message: `role ${role} is not defined in roles` });
      }
      step.actions.forEach((action, j) => {
        if (action.kind === 'notifyApplicant' && !action.notification) {
          ctx.addIssue({ code: 'custom', path: ['steps', i, 'actions', j], message: 'notifyApplicant needs a notification' });
        }
      });
    });
    for (const role of ['applicant', 'kabid'] as const) {
      if (!profile.roles[role]) ctx.addIssue({ code: 'custom', path: ['roles', role], message: `role ${role} is required in every profile` });
    }
    for (const role of Object.values(profile.roles)) {
      if (role?.superior && !profile.roles[role.superior]) ctx.addIssue({ code: 'custom', path: ['roles'], message: `superior ${role.superior} is not defined` });
    }
    const returnStep = profile.steps.find((s) => s.id === profile.branches.specMismatchReturnsTo);
    if (!returnStep?.actions.some((a) => a.kind === 'deviceDelivery')) {
      ctx.addIssue({ code: 'custom', path: ['branches', 'specMismatchReturnsTo'], message: 'must name a step with a deviceDelivery action' });
    }
    const required: ActionKind[] = ['capacityCheck', 'approval', 'deviceDelivery', 'specVerification', 'installation', 'handover'];
    for (const kind of required) {
      if (!profile.steps.some((s) => s.actions.some((a) => a.kind === kind))) {
        ctx.addIssue({ code: 'custom', path: ['steps'], message: `the profile has no ${kind} action` });
      }
    }
  });
export type Profile = z.infer<typeof profileSchema>;

/** A profile as a running case holds it: the profile plus the holiday dates resolved at start. */
export interface ProfileSnapshot {
  profile: Profile;
  /** Non-working dates (national holidays and cuti bersama), YYYY-MM-DD in the profile's time zone. */
  nonWorkingDates: string[];
}
