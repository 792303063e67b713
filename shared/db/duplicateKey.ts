/** A unique-index violation (E11000): on FerretDB the one write that is reliably atomic, used as a claim. */
export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
