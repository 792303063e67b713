// The capacity inventory: racks, resource pools (power, UPS, genset, bandwidth) and IP addresses.
// Staff read it; only an admin changes it. Every change runs under the same lock as reservations.
import { z } from 'zod';
import { addIpAddresses, CapacityInventoryError, inventorySummary, setPoolTotal, upsertRack } from '../../activities/capacityInventory';
import type { PoolKind } from '../../shared/capacity';
import { POOL_KINDS } from '../../shared/db/capacity';
import type { Caller } from '../auth';
import { ApiError, forbidden } from '../errors';
import { defineRoute } from '../route';

/** Staff (every role but the applicant's) and admins: an applicant learns about capacity through its case. */
function ensureReader(caller: Caller): void {
  if (caller.role === 'applicant') forbiddenFor('melihat inventaris kapasitas', 'staf Diskominfo dan admin');
}

function ensureAdmin(caller: Caller): void {
  if (caller.role !== 'admin') forbiddenFor('mengubah inventaris kapasitas', 'admin');
}

function forbiddenFor(what: string, who: string): never {
  throw forbidden(`Hanya ${who} yang dapat ${what}.`);
}

/** A change the inventory refuses in its current state (e.g. shrinking a rack below a used unit). */
async function inventoryChange<T>(change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof CapacityInventoryError) throw new ApiError(409, 'INVENTORY_CONFLICT', error.message);
    throw error;
  }
}

const rackParams = z.object({ rackId: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/).meta({ example: 'R03' }) });
const rackBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    noc: z.string().trim().min(1).max(100),
    location: z.string().trim().min(1).max(200),
    totalUnits: z.number().int().min(1).max(60),
  })
  .meta({ id: 'RackInput' });

const poolParams = z.object({ kind: z.enum(POOL_KINDS as [PoolKind, ...PoolKind[]]) });
const poolBody = z
  .object({ total: z.number().int().min(0).meta({ description: 'Watt untuk power, ups, genset; Mbps untuk bandwidth.' }) })
  .meta({ id: 'PoolInput' });

const ipSpec = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,3}){3}(\/\d{1,2}|-\d{1,3}(\.\d{1,3}){3})?$/, 'alamat IP, blok CIDR (10.20.1.0/28) atau rentang (10.20.1.10-10.20.1.60)');
const ipBody = z
  .object({ addresses: z.union([ipSpec, z.array(ipSpec).min(1).max(100)]) })
  .meta({ id: 'IpAddressesInput' });

const anyJson = z.record(z.string(), z.unknown());

export const capacityRoutes = [
  defineRoute({
    method: 'get',
    path: '/capacity',
    summary: 'Inventaris kapasitas: rak, daya/UPS/genset/bandwidth, alamat IP, dan cadangan yang berjalan',
    tags: ['Kapasitas'],
    access: 'staf (semua peran kecuali applicant) dan admin',
    responses: { 200: { description: 'Ringkasan inventaris', schema: anyJson } },
    async handle({ res, caller }) {
      ensureReader(caller());
      res.json(await inventorySummary());
    },
  }),
  defineRoute({
    method: 'put',
    path: '/capacity/racks/{rackId}',
    summary: 'Menambah atau mengubah rak',
    tags: ['Kapasitas'],
    access: 'admin',
    params: rackParams,
    body: rackBody,
    responses: { 200: { description: 'Rak sesudah perubahan', schema: anyJson } },
    errors: [{ status: 409, codes: ['INVENTORY_CONFLICT'], description: 'Mis. rak diperkecil di bawah unit yang sedang dipakai.' }],
    async handle({ res, params, body, caller }) {
      ensureAdmin(caller());
      const rack = body<z.output<typeof rackBody>>();
      res.json(await inventoryChange(() => upsertRack({ _id: params.rackId, ...rack })));
    },
  }),
  defineRoute({
    method: 'put',
    path: '/capacity/pools/{kind}',
    summary: 'Menetapkan total daya, UPS, genset atau bandwidth',
    tags: ['Kapasitas'],
    access: 'admin',
    params: poolParams,
    body: poolBody,
    responses: { 200: { description: 'Kapasitas sesudah perubahan', schema: anyJson } },
    errors: [{ status: 409, codes: ['INVENTORY_CONFLICT'], description: 'Total diturunkan di bawah yang sedang dipakai.' }],
    async handle({ res, params, body, caller }) {
      ensureAdmin(caller());
      const { total } = body<z.output<typeof poolBody>>();
      res.json(await inventoryChange(() => setPoolTotal(params.kind, total)));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/capacity/ip-addresses',
    summary: 'Menambah alamat IP ke kolam alamat',
    tags: ['Kapasitas'],
    access: 'admin',
    body: ipBody,
    responses: { 200: { description: 'Alamat yang ditambahkan dan yang sudah ada', schema: anyJson } },
    errors: [{ status: 409, codes: ['INVENTORY_CONFLICT'], description: 'Blok terlalu besar atau alamat tidak sah.' }],
    async handle({ res, body, caller }) {
      ensureAdmin(caller());
      const { addresses } = body<z.output<typeof ipBody>>();
      res.json(await inventoryChange(() => addIpAddresses(addresses)));
    },
  }),
];
