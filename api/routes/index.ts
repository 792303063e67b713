// Every route of the API, in the order the docs list them.
import type { RouteSpec } from '../route';
import { assetRoutes } from './assets';
import { calendarRoutes } from './calendar';
import { capacityRoutes } from './capacity';
import { codecRoutes } from './codec';
import { decisionRoutes } from './decisions';
import { healthRoute } from './health';
import { inboxRoute } from './inbox';
import { meRoute } from './me';
import { profileRoutes } from './profiles';
import { getRequestRoute, listRequestsRoute } from './readRequests';
import { submitRequestRoute } from './submitRequest';
import { withdrawalRoute } from './withdrawal';

export const allRoutes: readonly RouteSpec[] = [
  submitRequestRoute,
  listRequestsRoute,
  getRequestRoute,
  ...decisionRoutes,
  withdrawalRoute,
  inboxRoute,
  ...capacityRoutes,
  ...assetRoutes,
  ...profileRoutes,
  ...calendarRoutes,
  meRoute,
  healthRoute,
  ...codecRoutes,
];
