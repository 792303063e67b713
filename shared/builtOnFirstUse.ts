// Values built when first read, once. The workflow sandbox loads our modules afresh for every run
// (each new case, each replay after a cache eviction), and a run reads only the few schemas its own
// decisions need, so the others need not be built at load (bench/workflowRunStart.ts).

/** An object whose properties are built by their builders on first read; keys and enumeration as usual. */
export function builtOnFirstUse<B extends Record<string, () => unknown>>(builders: B): { readonly [K in keyof B]: ReturnType<B[K]> } {
  const built: Partial<Record<keyof B, unknown>> = {};
  const properties: PropertyDescriptorMap = {};
  for (const key of Object.keys(builders) as (keyof B & string)[]) {
    properties[key] = { enumerable: true, get: () => (key in built ? built[key] : (built[key] = builders[key]!())) };
  }
  return Object.defineProperties({}, properties) as { readonly [K in keyof B]: ReturnType<B[K]> };
}
