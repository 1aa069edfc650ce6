export function sourceBundleCacheDir(): string;
/** The bundled `.mjs` for a TypeScript entry, built or rebuilt as needed; throws when the build fails. */
export function bundleSource(entry: string, cacheDir?: string): string;
