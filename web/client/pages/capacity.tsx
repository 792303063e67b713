// The data center at a glance: each rack as a rack elevation (units used, by which request, free
// blocks), the power, UPS, genset and bandwidth pools as gauges, and the IP address pool.
import type { JSX } from 'preact';
import { api } from '../api';
import { BASE, Link } from '../router';
import { ErrorBox, Layout, Loading, useLoad } from '../ui';

interface Rack {
  _id: string;
  name: string;
  noc: string;
  location: string;
  totalUnits: number;
  usedUnits: number;
  freeUnits: number;
  largestFreeBlock: number;
  allocations: { reservationId: string; startUnit: number; units: number }[];
}

interface Inventory {
  racks: Rack[];
  pools: { kind: string; total: number; free: number; held: number }[];
  ipAddresses: { total: number; free: number; held: number };
  reservations: { reservationId: string; status: string; rackId: string; startUnit: number; units: number; ipAddress?: string }[];
  proposals: { requestNumber: string; rackId: string; startUnit: number; units: number }[];
}

const poolTitles: Record<string, { title: string; unit: string }> = {
  power: { title: 'Daya listrik', unit: 'watt' },
  ups: { title: 'UPS', unit: 'watt' },
  genset: { title: 'Genset', unit: 'watt' },
  bandwidth: { title: 'Bandwidth', unit: 'Mbps' },
};

interface Block {
  start: number;
  units: number;
  kind: 'installed' | 'held' | 'proposed' | 'free';
  owner?: string;
}

/** The rack from its top unit down, as the elevation is drawn: occupied blocks and the free runs between them. */
export function rackBlocks(rack: Rack, inventory: Pick<Inventory, 'reservations' | 'proposals'>): Block[] {
  const owner: (Block | undefined)[] = new Array(rack.totalUnits + 1);
  const mark = (block: Block): void => {
    for (let u = block.start; u < block.start + block.units && u <= rack.totalUnits; u++) owner[u] ??= block;
  };
  for (const a of rack.allocations) {
    const status = inventory.reservations.find((r) => r.reservationId === a.reservationId)?.status;
    mark({ start: a.startUnit, units: a.units, kind: status === 'installed' ? 'installed' : 'held', owner: a.reservationId });
  }
  for (const p of inventory.proposals.filter((p) => p.rackId === rack._id)) mark({ start: p.startUnit, units: p.units, kind: 'proposed', owner: p.requestNumber });
  const blocks: Block[] = [];
  for (let u = rack.totalUnits; u >= 1; ) {
    const block = owner[u];
    if (block) {
      const top = Math.min(rack.totalUnits, block.start + block.units - 1);
      blocks.push({ ...block, start: block.start, units: top - block.start + 1 });
      u = block.start - 1;
      continue;
    }
    let bottom = u;
    while (bottom > 1 && !owner[bottom - 1]) bottom--;
    blocks.push({ start: bottom, units: u - bottom + 1, kind: 'free' });
    u = bottom - 1;
  }
  return blocks;
}

const blockTexts: Record<Block['kind'], string> = { installed: 'terpasang', held: 'dicadangkan', proposed: 'diusulkan', free: 'kosong' };

function RackElevation({ rack, inventory }: { rack: Rack; inventory: Inventory }): JSX.Element {
  const blocks = rackBlocks(rack, inventory);
  return (
    <figure class="rack" aria-labelledby={`rack-${rack._id}`}>
      <figcaption id={`rack-${rack._id}`}>
        <strong>
          {rack.name} ({rack._id})
        </strong>
        <span class="muted">
          {rack.noc} · {rack.location}
        </span>
        <span>
          {rack.freeUnits} dari {rack.totalUnits} U kosong; blok kosong terbesar {rack.largestFreeBlock} U
        </span>
      </figcaption>
      <ol class="units">
        {blocks.map((b) => {
          const range = b.units === 1 ? `U${b.start}` : `U${b.start}–U${b.start + b.units - 1}`;
          return (
            <li key={`${b.start}-${b.kind}`} class={`block ${b.kind}`} style={{ height: `${Math.max(1, b.units) * 0.9}rem` }} data-testid={`rack-${rack._id}-${b.kind}`}>
              <span>{range}</span>
              <span>
                {blockTexts[b.kind]}
                {b.owner && (
                  <>
                    {' '}
                    · <Link href={`${BASE}/permohonan/${b.owner}`}>{b.owner}</Link>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

function Gauge({ title, used, total, unit }: { title: string; used: number; total: number; unit: string }): JSX.Element {
  const share = total > 0 ? Math.round((used / total) * 100) : 0;
  return (
    <div class="gauge">
      <label>
        <strong>{title}</strong>
        <meter min={0} max={total || 1} value={used} high={(total || 1) * 0.8} optimum={0} aria-label={`${title}: ${share}% terpakai`} />
      </label>
      <span>
        {used.toLocaleString('id-ID')} / {total.toLocaleString('id-ID')} {unit} terpakai ({share}%); sisa {(total - used).toLocaleString('id-ID')} {unit}
      </span>
    </div>
  );
}

export function CapacityPage(): JSX.Element {
  const { data, error } = useLoad(() => api<Inventory>('GET', '/capacity'), 'capacity');
  return (
    <Layout current={`${BASE}/kapasitas`}>
      <h1>Kapasitas data center</h1>
      <ErrorBox error={error} />
      {!data && !error && <Loading />}
      {data && (
        <>
          <section aria-labelledby="pools-title">
            <h2 id="pools-title">Daya, UPS, genset, bandwidth dan alamat IP</h2>
            <div class="gauges">
              {data.pools.map((p) => (
                <Gauge key={p.kind} title={poolTitles[p.kind]?.title ?? p.kind} used={p.held} total={p.total} unit={poolTitles[p.kind]?.unit ?? ''} />
              ))}
              <Gauge title="Alamat IP" used={data.ipAddresses.held} total={data.ipAddresses.total} unit="alamat" />
            </div>
          </section>
          <section aria-labelledby="racks-title">
            <h2 id="racks-title">Rak</h2>
            <p class="legend">
              <span class="block installed">terpasang</span> <span class="block held">dicadangkan</span> <span class="block proposed">diusulkan</span> <span class="block free">kosong</span>
            </p>
            <div class="racks">
              {data.racks.map((rack) => (
                <RackElevation key={rack._id} rack={rack} inventory={data} />
              ))}
            </div>
          </section>
        </>
      )}
    </Layout>
  );
}
