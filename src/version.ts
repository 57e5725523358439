import { createRequire } from 'node:module';

/** The tool version, from package.json (read once). */
export function toolVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}
