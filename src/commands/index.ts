/** The registry of commands, in the order `--help` lists them. One file per command. */
import type { CommandFactory } from './shared.js';
import { ingestCommand } from './ingest.js';
import { tablesCommand } from './tables.js';
import { auditCommand } from './audit.js';

export const COMMANDS: CommandFactory[] = [ingestCommand, tablesCommand, auditCommand];
