// The deployment the web app serves: its agency, time zone, role titles and procedures (GET /service).
import { api } from './api';
import type { AgencyZone } from './format';

export interface ServiceProcedure {
  id: string;
  code: string | null;
  request: string;
  title: string;
  sop: string;
  steps: number;
  submit: string;
  diagram: string;
}

export interface Service {
  id: string;
  agency: string;
  region: string;
  timeZone: AgencyZone;
  roles: Record<string, string>;
  procedures: ServiceProcedure[];
}

export function loadService(): Promise<Service> {
  return api<Service>('GET', '/service');
}

export function roleTitle(service: Service, role: string): string {
  if (role === 'admin') return 'Admin Kolokasi';
  return service.roles[role] ?? role;
}
