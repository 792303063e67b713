// All activities, built from injected collaborators so tests can pass real or in-memory ones.
import { createCapacityActivities } from './capacity';
import { createCommitActivities } from './commit';
import { createEmailActivities, enqueueCaseEmails } from './email';
import { webLinks } from './emails/links';
import { createHandoverActivities } from './handover';
import { createPlacementActivities } from './placement';
import type { PlacementStarter } from './placement/start';
import type { Mailer } from './mailer';
import { createProfileActivities } from './profile';
import { createRegisterReviewActivities, RegisterReviewDeps } from './registerReview';
import { createSmokeTestActivities } from './smokeTest';
import { createWorkingYearsActivities } from './workingYears';

export interface ActivityDeps {
  mailer: Mailer;
  /** API_PUBLIC_URL: where people reach the API and its web app, for the links in emails. */
  apiPublicUrl: string;
  /** The placement's withdrawal, for servers a register review finds missing; unwired: it fails, retried, until given. */
  registerReview?: RegisterReviewDeps;
  /** Starts a placement when its assets are registered; without it the reconciler starts it later. */
  placements?: PlacementStarter;
}

export function createActivities(deps: ActivityDeps) {
  const links = webLinks(deps.apiPublicUrl);
  const emails = createEmailActivities(links);
  return {
    ...createSmokeTestActivities(deps),
    ...createProfileActivities(),
    ...createWorkingYearsActivities(),
    ...emails,
    // Not the activity itself: a commit hands over the staff directory it has started to read.
    ...createCommitActivities({ enqueueCaseEmails: (requests, directory) => enqueueCaseEmails(requests, links, directory) }),
    ...createCapacityActivities(),
    ...createHandoverActivities(deps.placements),
    ...createPlacementActivities(emails),
    ...createRegisterReviewActivities(links, deps.registerReview),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type SmokeTestActivities = ReturnType<typeof createSmokeTestActivities>;
