// Kapasitas infrastruktur as the workflow sees it: what is free, where a request's servers would go,
// and what a reservation holds. Types only, so workflow code can `import type` them.
import type { CapacityDimension } from './profile/schema';
import type { CapacityNeeds } from './request';

/** The shared, countable resources. Watts for power, UPS and genset; Mbps for bandwidth. */
export type PoolKind = 'power' | 'ups' | 'genset' | 'bandwidth';

/**
 * Where a request's servers would go: a contiguous block of rack units and one IP address. The
 * address is absent until installation when the agency's SOP does not count IP addresses.
 */
export interface Placement {
  rackId: string;
  rackName: string;
  noc: string;
  location: string;
  startUnit: number;
  units: number;
  ipAddress?: string;
}

export interface FreeCapacity {
  rackUnitsLargestBlock: number;
  powerWatts: number;
  upsWatts: number;
  gensetWatts: number;
  bandwidthMbps: number;
  ipAddresses: number;
}

export interface CheckCapacityInput {
  needs: CapacityNeeds;
  /** What the agency's SOP counts (its profile's `capacity.dimensions`): only these can fall short. */
  dimensions: CapacityDimension[];
  /**
   * The case the placement is promised to (its request number); without one, the answer is advice
   * and promises nothing (the admin's capacity view).
   */
  caseId?: string;
}

export interface CapacityProposal {
  available: boolean;
  /** One line per counted dimension that falls short, in Bahasa Indonesia, for the operator and applicant. */
  shortages: string[];
  /** Every dimension, counted or not. */
  free: FreeCapacity;
  /** Present only when every counted dimension is available. */
  placement?: Placement;
}

/** The placement the operator chose; without an IP address the lowest free one is taken. */
export interface PlacementChoice {
  rackId: string;
  startUnit: number;
  ipAddress?: string;
}

export interface ReserveCapacityInput {
  /** The request number: one reservation per request. */
  reservationId: string;
  needs: CapacityNeeds;
  /** What the agency's SOP counts: a pool it does not count is not held. */
  dimensions: CapacityDimension[];
  placement: PlacementChoice;
}

export type ReserveCapacityResult =
  | { ok: true; reservation: ReservationView }
  | { ok: false; reason: string };

export interface ReleaseCapacityInput {
  reservationId: string;
  reason: string;
}

export interface AssignIpAddressInput {
  reservationId: string;
  /** The address the server was given, when it is not the one held. */
  wanted?: string;
}

export type ReservationStatus = 'held' | 'installed' | 'released';

/** A reservation as activities return it: dates are ISO strings, as they cross Temporal as JSON. */
export interface ReservationView extends Placement {
  reservationId: string;
  status: ReservationStatus;
  /** What was asked for; of power, UPS, genset and bandwidth only what the SOP counts is held. */
  needs: CapacityNeeds;
  heldAt: string;
  installedAt?: string;
  releasedAt?: string;
  releaseReason?: string;
  /** Why the reservation is not where the case asked (that placement was taken meanwhile). */
  note?: string;
}
