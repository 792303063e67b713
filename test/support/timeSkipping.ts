import { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { dataConverterFromEnv } from '../../shared/dataConverter';
import { SA } from '../../shared/searchAttributes';

const indexedType = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
} as const;

/**
 * A time-skipping environment on the provisioned Java test server, with Kolokasi's search
 * attributes registered (the test server refuses undeclared ones, like a real cluster).
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.KOLOKASI_TEST_SERVER;
  if (!path) throw new Error('KOLOKASI_TEST_SERVER is not set: run tests through jest so globalSetup provisions it');
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } }, client: { dataConverter: dataConverterFromEnv() } });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(Object.values(SA).map((key) => [key.name, indexedType[key.type as keyof typeof indexedType]])),
  });
  return env;
}
