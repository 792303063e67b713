// A complete, valid submission for the docs' "Try it out" and the README's walkthrough.
import type { z } from 'zod';
import type { submissionSchema } from '../shared/request';

export const exampleSubmission: z.input<typeof submissionSchema> = {
  letter: { letterNumber: '027/123/Dinkes/2026', letterDate: '2026-11-20', subject: 'Permohonan co-location server aplikasi SIMPUS' },
  form: {
    unitName: 'Dinas Kesehatan',
    responsibleOfficer: 'Siti Rahmawati, S.Kom',
    nip: '198503152010012003',
    unitAddress: 'Jl. Sunan Drajat No. 1',
    contactNumber: '+62 231 123456',
    domain: 'simpus.dinkes.example.go.id',
    domainActiveDate: '2026-12-01',
    term: { kind: 'permanent' },
  },
  applicantEmail: 'dinkes@opd.example.go.id',
  servers: [{ name: 'srv-simpus-01', processor: 'Intel Xeon Silver 4310', ram: '64 GB', motherboard: 'Supermicro X12', storage: '2x 960 GB SSD', psu: '2x 800 W' }],
  needs: { rackUnits: 2, powerWatts: 800, bandwidthMbps: 50 },
};
