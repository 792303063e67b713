// The asset register: every installed server (a case's documents are in ./documents.ts).
import { z } from 'zod';
import { Asset, assetStatuses } from '../../shared/db/asset';
import { text } from '../../shared/text';
import { unitScope } from '../auth';
import { defineRoute } from '../route';

const assetSchema = z
  .object({
    id: z.string(),
    requestNumber: z.string(),
    bastNumber: z.string(),
    unitName: z.string(),
    domain: z.string(),
    serverName: z.string(),
    serialNumber: z.string(),
    typeAndBrand: z.string(),
    rackId: z.string(),
    rackUnits: z.string(),
    ipAddress: z.string(),
    monitoringId: z.string(),
    term: z.unknown(),
    installedAt: z.string(),
    lastReviewedAt: z.string(),
    nextReviewDue: z.string(),
    status: z.string(),
    /** Set when a register review found the server gone; its withdrawal follows. */
    missing: z.object({ reviewId: z.string(), at: z.string(), reason: z.string() }).nullable(),
    /** The withdrawal (pencabutan) that took it out. */
    withdrawal: z.object({ withdrawalNumber: z.string(), withdrawnAt: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'Asset' });

const assetPageSchema = z.object({ items: z.array(assetSchema), page: z.number(), pageSize: z.number(), total: z.number() }).meta({ id: 'AssetPage' });

const assetQuery = z.object({
  unit: text(200).optional(),
  requestNumber: text(30).optional(),
  status: z.enum(assetStatuses).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const iso = (d: unknown): string => (d instanceof Date ? d.toISOString() : String(d ?? ''));

export const assetRoutes = [
  defineRoute({
    method: 'get',
    path: '/assets',
    summary: 'Aset register: server yang terpasang',
    tags: ['Aset'],
    access: 'staf dan admin: semua; applicant: unitnya',
    query: assetQuery,
    responses: { 200: { description: 'Satu halaman aset', schema: assetPageSchema } },
    async handle({ res, query, caller }) {
      const filter: Record<string, unknown> = {};
      const scope = unitScope(caller());
      if (scope !== undefined) filter.unitName = scope;
      else if (query.unit) filter.unitName = query.unit;
      if (query.requestNumber) filter.requestNumber = query.requestNumber;
      if (query.status) filter.status = query.status;
      const [total, assets] = await Promise.all([
        Asset.countDocuments(filter),
        Asset.find(filter).sort({ installedAt: -1, _id: 1 }).skip((query.page - 1) * query.pageSize).limit(query.pageSize).lean(),
      ]);
      const items = assets.map((a) => ({
        id: a._id,
        requestNumber: a.requestNumber,
        bastNumber: a.bastNumber,
        unitName: a.unitName,
        domain: a.domain,
        serverName: a.serverName,
        serialNumber: a.serialNumber,
        typeAndBrand: a.typeAndBrand,
        rackId: a.rackId,
        rackUnits: a.rackUnits,
        ipAddress: a.ipAddress,
        monitoringId: a.monitoringId,
        term: a.term,
        installedAt: iso(a.installedAt),
        lastReviewedAt: iso(a.lastReviewedAt),
        nextReviewDue: iso(a.nextReviewDue),
        status: a.status,
        missing: a.missing?.reviewId ? { reviewId: a.missing.reviewId, at: iso(a.missing.at), reason: a.missing.reason ?? '' } : null,
        withdrawal: a.withdrawalNumber ? { withdrawalNumber: a.withdrawalNumber, withdrawnAt: a.withdrawnAt ? iso(a.withdrawnAt) : null } : null,
      }));
      res.json({ items, page: query.page, pageSize: query.pageSize, total });
    },
  }),
];
