// The placement workflow's input, version 1, FROZEN: a placement lives for years, so this only
// checks shape and bounds. What the asset register and the reservation said at go-live is copied
// in; later changes (an extension, a review) live in the workflow's state. To change what the
// workflow accepts, add placementInput.v2.ts beside this one.
import { z } from 'zod';

const str = (max: number) => z.string().max(max);

export const placementTermV1 = z.union([z.object({ kind: z.literal('permanent') }), z.object({ kind: z.literal('temporary'), until: str(10) })]);
export type PlacementTermV1 = z.infer<typeof placementTermV1>;

export const placementInputV1 = z.object({
  v: z.literal(1),
  /** The colocation request that went live. */
  placementNumber: str(40),
  profileId: str(60),
  unitName: str(200),
  applicantEmail: str(254),
  domain: str(253),
  servers: z.array(z.object({ assetId: str(200), name: str(100), serialNumber: str(100), typeAndBrand: str(200) })).min(1).max(20),
  location: z
    .object({ rackId: str(40), rackName: str(100), noc: str(100), location: str(200), startUnit: z.number().int(), units: z.number().int(), ipAddress: str(45).optional() })
    .optional(),
  needs: z.object({ rackUnits: z.number().int(), powerWatts: z.number().int(), bandwidthMbps: z.number().int() }).optional(),
  term: placementTermV1,
  installedAt: str(30),
  lastReviewedAt: str(30).optional(),
  nextReviewDue: str(30).optional(),
  bastNumber: str(60).optional(),
  /** Set by Continue-As-New: the placement goes on with the state it had (workflows/placement/carryOver.ts). */
  carried: z.unknown().optional(),
});
export type PlacementInputV1 = z.infer<typeof placementInputV1>;
