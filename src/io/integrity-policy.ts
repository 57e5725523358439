/**
 * What loadReport does when a report's published sums do not hold (src/ingest/integrity.ts):
 * warn on stderr (default), refuse with exit 1 (`--strict`), or stay silent (`audit`, which
 * reports every break itself). Set once by src/cli.ts before the command runs; a module of its
 * own so that the CLI sets it without loading the parser.
 */
export type IntegrityPolicy = 'warn' | 'strict' | 'silent';

let policy: IntegrityPolicy = 'warn';

export function setIntegrityPolicy(p: IntegrityPolicy): void {
  policy = p;
}

export function integrityPolicy(): IntegrityPolicy {
  return policy;
}
