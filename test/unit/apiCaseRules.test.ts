// The API's own rules about cases: which procedure a request number names (and so its workflow
// ID), a step's SLA status, the inbox order and request numbers.
import { numberPrefix, procedureForRequest, procedureOfNumber, workflowIdOfNumber } from '../../api/cases/procedures';
import { formatRequestNumber, yearIn } from '../../api/cases/requestNumbers';
import { compareInboxItems } from '../../api/routes/inbox';
import { sortKeys } from '../../api/views/summaryIndex';
import type { RequestSummaryFields } from '../../shared/db/requestSummary';
import { slaStatus } from '../../api/views/slaStatus';
import { getProfile } from '../../shared/profile/registry';
import { requestNumberSchema } from '../../shared/workflowInput';

describe('a request number names its procedure', () => {
  const jateng = getProfile('jateng');
  const cirebon = getProfile('cirebon');

  test('numbers are prefixed with the agency code, and the procedure code where there is one', () => {
    expect(numberPrefix(jateng, procedureForRequest(jateng, 'backup')!)).toBe('JTG-BU');
    expect(numberPrefix(jateng, procedureForRequest(jateng, 'restore')!)).toBe('JTG-RS');
    expect(numberPrefix(jateng, procedureForRequest(jateng, 'colocation')!)).toBe('JTG');
    expect(numberPrefix(cirebon, procedureForRequest(cirebon, 'colocation')!)).toBe('CRB');
    expect(procedureForRequest(cirebon, 'backup')).toBeUndefined();
    for (const no of ['JTG-BU-2026-0001', 'JTG-RS-2026-123456', 'CRB-2026-0001']) expect(requestNumberSchema.safeParse(no).success).toBe(true);
  });

  test.each([
    ['jateng', 'JTG-BU-2026-0003', 'backup-JTG-BU-2026-0003'],
    ['jateng', 'JTG-RS-2026-0004', 'restore-JTG-RS-2026-0004'],
    ['jateng', 'JTG-2026-0005', 'colocation-JTG-2026-0005'],
    ['cirebon', 'CRB-2026-0001', 'colocation-CRB-2026-0001'],
    // Another agency's number, or a procedure code the profile does not have: no case of this deployment.
    ['cirebon', 'JTG-2026-0005', undefined],
    ['cirebon', 'CRB-BU-2026-0001', undefined],
    ['jateng', 'JTG-XX-2026-0001', undefined],
  ] as const)('%s: %s is workflow %s', (profileId, no, workflowId) => {
    expect(workflowIdOfNumber(getProfile(profileId), no)).toBe(workflowId);
    expect(procedureOfNumber(getProfile(profileId), no)?.id).toBe(workflowId?.split('-')[0]);
  });
});

describe('slaStatus', () => {
  const deadline = '2026-11-23T03:00:00.000Z';
  const before = Date.parse('2026-11-23T02:00:00.000Z');
  const after = Date.parse('2026-11-23T04:00:00.000Z');
  test.each([
    ['no standard', {}, after, 'noStandard'],
    ['running, before its deadline', { deadline }, before, 'running'],
    ['running, past its deadline', { deadline }, after, 'overdue'],
    ['running, marked breached by the workflow', { deadline, breachedAt: deadline }, before, 'overdue'],
    ['done in time', { deadline, completedAt: '2026-11-23T02:30:00.000Z' }, after, 'onTime'],
    ['done late', { deadline, completedAt: '2026-11-23T03:30:00.000Z' }, after, 'breached'],
  ])('%s', (_name, step, now, expected) => {
    expect(slaStatus(step, now)).toBe(expected);
  });
});

test('the inbox puts the most overdue first, undated tasks last, then the oldest request', () => {
  // Keyed as the index keys a summary when it arrives.
  const item = (requestNumber: string, deadline: string | null, submittedAt: string) =>
    sortKeys({ _id: requestNumber, submittedAt, currentStep: deadline ? { deadline } : null } as RequestSummaryFields);
  const items = [
    item('CRB-2026-0005', null, '2026-11-01T00:00:00Z'),
    item('CRB-2026-0004', '2026-11-25T00:00:00Z', '2026-11-02T00:00:00Z'),
    item('CRB-2026-0003', '2026-11-20T00:00:00Z', '2026-11-03T00:00:00Z'),
    item('CRB-2026-0002', null, '2026-10-01T00:00:00Z'),
    item('CRB-2026-0001', '2026-11-20T00:00:00Z', '2026-11-01T00:00:00Z'),
  ];
  expect(items.sort(compareInboxItems).map((i) => i.summary._id)).toEqual(['CRB-2026-0001', 'CRB-2026-0003', 'CRB-2026-0004', 'CRB-2026-0002', 'CRB-2026-0005']);
});

test('request numbers use the agency time zone for the year and pad the sequence', () => {
  // 31 Dec 2026 18:00 UTC is already 1 Jan 2027 in WIB (UTC+7).
  expect(yearIn('WIB', Date.parse('2026-12-31T18:00:00Z'))).toBe(2027);
  expect(yearIn('WIB', Date.parse('2026-12-31T16:00:00Z'))).toBe(2026);
  expect(formatRequestNumber('CRB', 2026, 7)).toBe('CRB-2026-0007');
  expect(formatRequestNumber('KTM', 2026, 12345)).toBe('KTM-2026-12345');
});
