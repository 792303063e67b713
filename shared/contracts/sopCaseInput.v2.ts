// The sop case workflow's input, version 2, FROZEN: version 1 plus the withdrawal (pencabutan)
// request, which only the new `withdrawal` procedure is opened by. Version 1 inputs stay valid
// (shared/contracts/sopCase.ts accepts both), so no running case changes what it replays against.
import { z } from 'zod';
import { caseRequestV1, sopCaseInputV1 } from './sopCaseInput.v1';

const str = (max: number) => z.string().max(max);
const letterV2 = z.object({ letterNumber: str(100), letterDate: str(10), subject: str(300) });

/** Form pencabutan co-location, as Kaltim's and Jateng's SOPs print it. */
const withdrawalFormV2 = z.object({
  domain: str(253),
  dataCenter: z.object({ noc: str(100), serverLocation: str(200), domain: str(253) }),
  colocation: z.object({ noc: str(100), serverLocation: str(200), serialNumber: str(200), typeAndBrand: str(400), domain: str(253) }),
});

const withdrawalV2 = z.object({
  kind: z.literal('withdrawal'),
  /** The colocation request that placed the server: the placement's number. */
  placementNumber: str(40),
  applicantEmail: str(254),
  unitName: str(200),
  domain: str(253),
  assetIds: z.array(str(200)).min(1).max(20),
  form: withdrawalFormV2,
  reason: str(2000),
  /** Who asked: the applicant's unit, data-center staff, or the system at the end of a temporary term. */
  requestedBy: z.enum(['applicant', 'staff', 'system']),
  letter: letterV2.optional(),
});

export const caseRequestV2 = z.discriminatedUnion('kind', [...caseRequestV1.options, withdrawalV2]);
export type CaseRequestV2 = z.infer<typeof caseRequestV2>;
export type WithdrawalRequestV2 = z.infer<typeof withdrawalV2>;

export const sopCaseInputV2 = sopCaseInputV1.extend({ v: z.literal(2), request: caseRequestV2 });
export type SopCaseInputV2 = z.infer<typeof sopCaseInputV2>;
