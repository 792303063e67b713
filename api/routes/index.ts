// Every route of the API, in the order the docs list them.
import type { RouteSpec } from '../route';
import { apiTokenRoutes } from './apiTokens';
import { assetRoutes } from './assets';
import { calendarRoutes } from './calendar';
import { capacityRoutes } from './capacity';
import { codecRoutes } from './codec';
import { decisionRoutes } from './decisions';
import { documentRoutes } from './documents';
import { healthRoute } from './health';
import { inboxRoute } from './inbox';
import { meRoute } from './me';
import { oidcRoutes } from './oidc';
import { placementRoutes } from './placements';
import { profileRoutes } from './profiles';
import { getRequestRoute, listRequestsRoute } from './readRequests';
import { reportRoutes } from './reports';
import { reviewRoutes } from './reviews';
import { signInRoutes } from './signIn';
import { stopRequestRoute } from './stopRequest';
import { submissionRoutes } from './submitRequest';
import { userRoutes } from './users';
import { withdrawalRoute } from './withdrawal';

export const allRoutes: readonly RouteSpec[] = [
  ...submissionRoutes,
  listRequestsRoute,
  getRequestRoute,
  ...decisionRoutes,
  withdrawalRoute,
  stopRequestRoute,
  inboxRoute,
  ...capacityRoutes,
  ...assetRoutes,
  ...documentRoutes,
  ...reviewRoutes,
  ...reportRoutes,
  ...placementRoutes,
  ...profileRoutes,
  ...calendarRoutes,
  meRoute,
  ...signInRoutes,
  ...oidcRoutes,
  ...userRoutes,
  ...apiTokenRoutes,
  healthRoute,
  ...codecRoutes,
];
