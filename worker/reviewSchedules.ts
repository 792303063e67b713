// The agency's yearly register review, as a Temporal Schedule (`register-review-<agency>`): created
// at worker start from the profile, and brought in line with it on every later start, so editing
// the profile's registerReview section moves the date without anyone touching Temporal. Its action
// starts the opener (workflows/registerReview/opener.ts), which opens that year's review.
import { Client, ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOptionsAction, ScheduleOverlapPolicy, ScheduleSpec } from '@temporalio/client';
import { REGISTER_REVIEW_OPENER_WORKFLOW_TYPE, RegisterReviewOpenerInput, registerReviewScheduleId } from '../shared/contracts/registerReview';
import type { IndonesianTimeZone, Profile } from '../shared/profile/schema';

const IANA_ZONE: Record<IndonesianTimeZone, string> = { WIB: 'Asia/Jakarta', WITA: 'Asia/Makassar', WIT: 'Asia/Jayapura' };
const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'] as const;

export type ScheduleOutcome = 'created' | 'updated' | 'removed' | 'none';

export function reviewScheduleSpec(profile: Profile): ScheduleSpec | undefined {
  const review = profile.registerReview;
  if (!review) return undefined;
  const { month, day, hour } = review.schedule;
  return {
    calendars: [{ month: MONTHS[month - 1]!, dayOfMonth: day, hour, minute: 0, comment: `Peninjauan aset register tahunan ${profile.agency.name}` }],
    timezone: IANA_ZONE[profile.timeZone],
  };
}

function reviewScheduleAction(profile: Profile, taskQueue: string): ScheduleOptionsAction {
  const input: RegisterReviewOpenerInput = { v: 1, profileId: profile.id, timeZone: profile.timeZone };
  return { type: 'startWorkflow', workflowType: REGISTER_REVIEW_OPENER_WORKFLOW_TYPE, workflowId: `register-review-opener-${profile.id}`, taskQueue, args: [input] };
}

/** Creates the agency's review Schedule, or updates it to the profile; removes it if the profile has no review. */
export async function ensureReviewSchedule(client: Client, profile: Profile, taskQueue: string): Promise<ScheduleOutcome> {
  const scheduleId = registerReviewScheduleId(profile.id);
  const spec = reviewScheduleSpec(profile);
  if (!spec) {
    try {
      await client.schedule.getHandle(scheduleId).delete();
      return 'removed';
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return 'none';
      throw error;
    }
  }
  const action = reviewScheduleAction(profile, taskQueue);
  try {
    // A worker down on the day still opens the review when it is back within the week.
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' } });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  await client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec, action }));
  return 'updated';
}
