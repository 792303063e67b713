// Every email that asks someone to act links to the page where they act: the web app the API serves
// at /app/. The address is API_PUBLIC_URL, the one people reach the API at, injected by the worker.
export interface WebLinks {
  /** A case (permohonan) and its decision form. */
  casePage(requestNumber: string): string;
  /** A placement, where its extension is asked for and decided. */
  placementPage(placementNumber: string): string;
  /** The register review's open tasks. */
  reviewTasks: string;
}

export function webLinks(apiPublicUrl: string): WebLinks {
  const app = `${apiPublicUrl.replace(/\/+$/, '')}/app`;
  return {
    casePage: (requestNumber) => `${app}/permohonan/${encodeURIComponent(requestNumber)}`,
    placementPage: (placementNumber) => `${app}/penempatan/${encodeURIComponent(placementNumber)}`,
    reviewTasks: `${app}/tinjauan`,
  };
}
