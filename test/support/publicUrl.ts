// The API_PUBLIC_URL the tests' workers put in email links, so a test can assert a link exactly.
export const TEST_API_PUBLIC_URL = 'http://kolokasi.test';
