// The sop case workflow's input, version 1, FROZEN: a case replays against this for as long as it
// lives (weeks; a backup service for years), so it only checks shape and bounds. The API's own
// rules (shared/request.ts: dates not in the future, address syntax, …) evolve and are checked at
// the door, never here. To change what a workflow accepts, add sopCaseInput.v2.ts and a patch.
import { z } from 'zod';

const str = (max: number) => z.string().max(max);
const role = str(40);

const actorV1 = z.object({
  userId: str(100),
  name: str(200),
  role,
  onBehalf: z.object({ adminUserId: str(100), adminName: str(200), reason: str(2000) }).optional(),
});

const letterV1 = z.object({ letterNumber: str(100), letterDate: str(10), subject: str(300) });
const contactV1 = z.object({ name: str(200), contactNumber: str(30) });

const colocationV1 = z.object({
  kind: z.literal('colocation'),
  letter: letterV1,
  applicantEmail: str(254),
  form: z.object({
    unitName: str(200),
    responsibleOfficer: str(200),
    nip: str(30),
    unitAddress: str(500),
    contactNumber: str(30),
    domain: str(253),
    domainActiveDate: str(10),
    term: z.union([z.object({ kind: z.literal('permanent') }), z.object({ kind: z.literal('temporary'), until: str(10) })]),
  }),
  servers: z.array(z.object({ name: str(100), processor: str(200), ram: str(100), motherboard: str(200), storage: str(200), psu: str(100) })).min(1).max(20),
  needs: z.object({ rackUnits: z.number().int().min(1).max(42), powerWatts: z.number().int().min(1).max(20_000), bandwidthMbps: z.number().int().min(1).max(10_000) }),
});

const serviceBaseV1 = {
  letter: letterV1,
  applicantEmail: str(254),
  unitName: str(200),
  contact: contactV1,
  /** The application or database the request is about. */
  system: str(200),
};

const backupV1 = z.object({ kind: z.literal('backup'), ...serviceBaseV1, scope: str(2000), preferredSchedule: str(200).optional() });
const restoreV1 = z.object({ kind: z.literal('restore'), ...serviceBaseV1, backupRef: str(300), reason: str(2000) });

export const caseRequestV1 = z.discriminatedUnion('kind', [colocationV1, backupV1, restoreV1]);
export type CaseRequestV1 = z.infer<typeof caseRequestV1>;

export const sopCaseInputV1 = z.object({
  v: z.literal(1),
  requestNumber: str(40),
  profileId: str(60),
  procedureId: str(60),
  request: caseRequestV1,
  submittedBy: actorV1,
  /** Set by Continue-As-New: the case goes on where the previous run stopped (workflows/sop/carryOver.ts). */
  carried: z.unknown().optional(),
});
export type SopCaseInputV1 = z.infer<typeof sopCaseInputV1>;
