// Ports for the services a test or benchmark starts come from below the kernel's ephemeral range,
// which every bind to port 0 draws from (the Temporal dev server picks its internal ports so): a
// port handed out there could be taken before its service starts. Never the same port twice.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from '../../scripts/stack';

const ephemeralFrom = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);

const listenable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

test('fifty ports asked for at once are fifty different free ports, none from the ephemeral range', async () => {
  const ports = await Promise.all(Array.from({ length: 50 }, () => freePort()));
  expect(new Set(ports).size).toBe(50);
  expect(ports.filter((p) => p >= ephemeralFrom)).toEqual([]);
  expect(await Promise.all(ports.map(listenable))).toEqual(Array(50).fill(true));
});
