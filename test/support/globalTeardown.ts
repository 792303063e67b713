import { stopAll } from '../../scripts/stack';

export default async function teardown(): Promise<void> {
  await stopAll(globalThis.kolokasiServices ?? []);
}
