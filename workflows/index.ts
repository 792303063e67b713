// The worker's workflow bundle entry: every workflow type Kolokasi runs.
export { registerReviewWorkflow } from './registerReview';
export { registerReviewOpenerWorkflow } from './registerReview/opener';
export { placementWorkflow } from './placement';
export { smokeTestWorkflow } from './smokeTest';
export { sopCaseWorkflow } from './sopCase';
