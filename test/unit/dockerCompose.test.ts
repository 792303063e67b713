// docker-compose.yml cannot be started here (no Docker engine), so its shape is checked instead,
// and `docker compose config` validates it wherever the compose plugin is installed.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { SA } from '../../shared/searchAttributes';

const file = resolve(__dirname, '../../docker-compose.yml');
const compose = parse(readFileSync(file, 'utf8')) as { services: Record<string, { image?: string; build?: string; environment?: Record<string, string>; command?: unknown }> };

test('runs Temporal on PostgreSQL with its UI, MongoDB, a mail catcher, the worker and the API', () => {
  const { services } = compose;
  expect(Object.keys(services).sort()).toEqual(['api', 'mail', 'mongodb', 'temporal', 'temporal-db', 'temporal-search-attributes', 'temporal-ui', 'worker'].sort());
  expect(services.temporal!.environment!.DB).toBe('postgres12');
  expect(services['temporal-db']!.image).toMatch(/^postgres:/);
  expect(services.mongodb!.image).toMatch(/^mongo:/);
  expect(services.worker!.build).toBe('.');
  expect(services.api!.build).toBe('.');
  expect(services.worker!.environment!.MONGODB_URI).toBe('mongodb://mongodb:27017/kolokasi');
});

test('pins every image to a version', () => {
  for (const [name, service] of Object.entries(compose.services)) {
    if (service.image) expect(`${name} ${service.image}`).toMatch(/:\d[\w.-]*$/);
  }
});

test('registers exactly the search attributes the workflows use', () => {
  const script = JSON.stringify(compose.services['temporal-search-attributes']!.command);
  const registered = [...script.matchAll(/(Kolokasi\w+)=(\w+)/g)].map((m) => `${m[1]}=${m[2]}`).sort();
  const expected = Object.values(SA).map((k) => `${k.name}=${k.type === 'BOOL' ? 'Bool' : 'Keyword'}`).sort();
  expect(registered).toEqual(expected);
});

const composePlugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
(composePlugin ? test : test.skip)('`docker compose config` accepts the file', () => {
  const result = spawnSync('docker', ['compose', '-f', file, 'config', '--quiet'], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});
