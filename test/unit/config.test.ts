import { ConfigError, loadConfig } from '../../shared/config';

test('defaults point at the embedded stack', () => {
  const config = loadConfig({});
  expect(config).toMatchObject({ TEMPORAL_ADDRESS: 'localhost:7233', MONGODB_URI: 'mongodb://127.0.0.1:27017/kolokasi', SMTP_URL: 'smtp://127.0.0.1:1025', API_PORT: 3000 });
});

test('an invalid variable is named with what is wrong', () => {
  expect(() => loadConfig({ API_PORT: 'eighty', MONGODB_URI: 'postgres://x' })).toThrow(ConfigError);
  try {
    loadConfig({ API_PORT: 'eighty', MONGODB_URI: 'postgres://x' });
  } catch (error) {
    const message = (error as Error).message;
    expect(message).toMatch(/API_PORT="eighty"/);
    expect(message).toMatch(/MONGODB_URI="postgres:\/\/x": must start with mongodb:\/\//);
  }
});

test('empty strings count as unset', () => {
  expect(loadConfig({ TEMPORAL_ADDRESS: '' }).TEMPORAL_ADDRESS).toBe('localhost:7233');
});

test('the worker keeps 40 workflow runs in memory unless told another whole number', () => {
  expect(loadConfig({}).KOLOKASI_WORKFLOW_CACHE).toBe(40);
  expect(loadConfig({ KOLOKASI_WORKFLOW_CACHE: '10' }).KOLOKASI_WORKFLOW_CACHE).toBe(10);
  expect(() => loadConfig({ KOLOKASI_WORKFLOW_CACHE: '0' })).toThrow(/KOLOKASI_WORKFLOW_CACHE="0"/);
  expect(() => loadConfig({ KOLOKASI_WORKFLOW_CACHE: 'many' })).toThrow(/KOLOKASI_WORKFLOW_CACHE="many"/);
});

test("the worker's workflow thread heap is 256 MiB unless told another size of at least 128", () => {
  expect(loadConfig({}).KOLOKASI_WORKFLOW_HEAP_MB).toBe(256);
  expect(loadConfig({ KOLOKASI_WORKFLOW_HEAP_MB: '512' }).KOLOKASI_WORKFLOW_HEAP_MB).toBe(512);
  expect(() => loadConfig({ KOLOKASI_WORKFLOW_HEAP_MB: '64' })).toThrow(/KOLOKASI_WORKFLOW_HEAP_MB="64"/);
});

test("the worker collects workflow stack traces only when told 'on'; any other word stops it", () => {
  expect(loadConfig({}).KOLOKASI_WORKFLOW_STACK_TRACES).toBe('off');
  expect(loadConfig({ KOLOKASI_WORKFLOW_STACK_TRACES: 'on' }).KOLOKASI_WORKFLOW_STACK_TRACES).toBe('on');
  expect(() => loadConfig({ KOLOKASI_WORKFLOW_STACK_TRACES: 'true' })).toThrow(/KOLOKASI_WORKFLOW_STACK_TRACES="true"/);
});

test('OIDC sign-in takes its three variables together, and an issuer over https', () => {
  expect(loadConfig({}).OIDC_ISSUER_URL).toBeUndefined();
  const oidc = { OIDC_ISSUER_URL: 'https://sso.example.go.id/realms/diskominfo', OIDC_CLIENT_ID: 'kolokasi', OIDC_CLIENT_SECRET: 'rahasia' };
  expect(loadConfig(oidc)).toMatchObject({ OIDC_ISSUER_URL: oidc.OIDC_ISSUER_URL, OIDC_CLIENT_ID: 'kolokasi' });
  expect(() => loadConfig({ OIDC_ISSUER_URL: oidc.OIDC_ISSUER_URL })).toThrow(/OIDC_CLIENT_ID="": OIDC sign-in needs OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET together/);
  expect(() => loadConfig({ ...oidc, OIDC_ISSUER_URL: 'http://sso.example.go.id' })).toThrow(/OIDC_ISSUER_URL="http:\/\/sso.example.go.id": must be https/);
  expect(loadConfig({ ...oidc, OIDC_ISSUER_URL: 'http://127.0.0.1:8080/realms/dev' }).OIDC_ISSUER_URL).toBe('http://127.0.0.1:8080/realms/dev');
  expect(() => loadConfig({ OIDC_CLIENT_SECRET: 'rahasia' })).toThrow(/OIDC_ISSUER_URL="".*\n.*OIDC_CLIENT_ID=""/);
  expect(() => loadConfig({ OIDC_CLIENT_SECRET: 'rahasia' })).not.toThrow(/rahasia/);
});
