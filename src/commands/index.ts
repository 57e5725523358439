/** The registry of commands, in the order `--help` lists them. One file per command. */
import type { CommandFactory } from './shared.js';
import { ingestCommand } from './ingest.js';
import { tablesCommand } from './tables.js';
import { auditCommand } from './audit.js';
import { reportCommand } from './report.js';
import { taxonomyCommand } from './taxonomy.js';
import { trainCommand } from './train.js';
import { evalCommand } from './eval.js';
import { classifyCommand } from './classify.js';
import { traceCommand } from './trace.js';

export const COMMANDS: CommandFactory[] = [
  ingestCommand,
  tablesCommand,
  auditCommand,
  reportCommand,
  taxonomyCommand,
  trainCommand,
  evalCommand,
  classifyCommand,
  traceCommand,
];
