// The register review workflow's input, version 1, FROZEN: a review replays against this for as
// long as it runs (weeks), so it only checks shape and bounds. To change what the workflow
// accepts, add registerReviewInput.v2.ts and a patch.
import { z } from 'zod';

const str = (max: number) => z.string().max(max);

export const registerReviewInputV1 = z.object({
  v: z.literal(1),
  profileId: str(60),
  /** The review's year, in the agency's time zone; with the profile it names the workflow. */
  year: z.number().int().min(2000).max(2200),
  /** The agency's Schedule, or an admin who opened it over the API. */
  openedBy: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('schedule') }),
    z.object({ kind: z.literal('admin'), userId: str(100), name: str(200) }),
  ]),
  /** History events after which a run continues as new; lower in tests, to see it happen. */
  historyLimit: z.number().int().min(100).max(50_000).optional(),
  /** Set by Continue-As-New: the review goes on where the previous run stopped. */
  carried: z.unknown().optional(),
});
export type RegisterReviewInputV1 = z.infer<typeof registerReviewInputV1>;

/** What the agency's Schedule starts: a small workflow that opens the review of the year it runs in. */
export const registerReviewOpenerInputV1 = z.object({
  v: z.literal(1),
  profileId: str(60),
  /** The agency's zone: the year is the one it is there when the Schedule fires. */
  timeZone: z.enum(['WIB', 'WITA', 'WIT']),
});
export type RegisterReviewOpenerInputV1 = z.infer<typeof registerReviewOpenerInputV1>;
