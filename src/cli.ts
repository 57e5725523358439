/**
 * The commander root. The only place that sets process.exitCode.
 * Exit codes: 0 ok, 1 findings / check failed, 2 usage or input error.
 *
 * Command modules stay light: heavy libraries (pdf-parse, natural, exceljs, vega) are imported
 * lazily inside the work they serve, so `--help` and `tables` start fast.
 */
import { Command, CommanderError } from 'commander';
import { isCnrError } from './errors.js';
import { COMMANDS } from './commands/index.js';
import { toolVersion } from './version.js';
import { installPipeGuards, lateStdin, refusePipedStdin } from './io/stdio.js';
import { setIntegrityPolicy } from './io/integrity-policy.js';

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const started = performance.now();
  if (debug) {
    process.on('exit', (code) => {
      const ms = Math.round(performance.now() - started);
      const mb = Math.round(process.memoryUsage().rss / 1048576);
      process.stderr.write(`cnr-synth: debug: exit ${code} after ${ms} ms, rss ${mb} MB\n`);
    });
  }
  const program = new Command('cnr-synth')
    .description(
      'Turn French CNR Santé consultation reports into numbers people can trust:\n' +
        'ingest a report, regenerate and audit its tables, classify new verbatims.',
    )
    .version(toolVersion(), '-V, --version')
    .option('--debug', 'print stack traces on errors, and timings, on stderr')
    .option('-q, --quiet', 'no progress bar or notes on stderr')
    .option('--no-color', 'never colour terminal output (also NO_COLOR=1)')
    .option('--strict', "exit 1 when the report's published sums do not hold once read (a misread; default: a warning)")
    .exitOverride();
  // audit reports each broken sum itself; every other command warns (or refuses with --strict).
  program.hook('preAction', async (root, cmd) => {
    setIntegrityPolicy(cmd.name() === 'audit' ? 'silent' : root.opts<{ strict?: boolean }>().strict ? 'strict' : 'warn');
    // A PDF to read: pdf.js's parsing thread boots, and pdf-parse loads, while the command loads (src/io/pdf.ts).
    if (cmd.args.some((a) => /\.pdf$/i.test(a))) (await import('./io/pdf.js')).prestartPdf();
    // Before any work: -o is not a directory nor a file the command reads; no FILE with data on stdin.
    const { checkCommandOutput } = await import('./io/output.js');
    await checkCommandOutput(cmd);
    if (cmd.registeredArguments.length > 0 && cmd.args.length === 0) await refusePipedStdin(cmd.name());
  });
  // Usage errors: one line, "cnr-synth: <what is wrong> (see --help)", then exit 2.
  const output = (name: string) => ({
    writeOut: (s: string) => process.stdout.write(s),
    writeErr: (s: string) => process.stderr.write(s),
    outputError: (s: string, write: (s: string) => void) => write(`cnr-synth: ${s.trim().replace(/^error:\s*/, '')} (see: ${name} --help)\n`),
  });
  program.configureOutput(output('cnr-synth'));

  let exitCode = 0;
  for (const make of COMMANDS) {
    const cmd = make((code) => {
      exitCode = Math.max(exitCode, code);
    });
    cmd.exitOverride();
    cmd.configureOutput(output(`cnr-synth ${cmd.name()}`));
    program.addCommand(cmd);
  }
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 findings or check failed, 2 usage or input error.\n' + 'Run "cnr-synth <command> --help" for the options and examples of a command.',
  );

  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv);
    // Data piped in after the start, with no FILE: what ran was the bundled report, not stdin.
    if (lateStdin()) {
      process.stderr.write('cnr-synth: stdin received data after the start but no FILE was given: the bundled report was read, not stdin; pass - to read it\n');
      return 2;
    }
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version "exit" with code 0; every other commander exit is a usage error.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0) return 0;
      return 2;
    }
    if (isCnrError(e)) {
      process.stderr.write(`cnr-synth: ${e.oneLine}\n`);
      if (debug && e.stack) process.stderr.write(`${e.stack}\n`);
      return e.exitCode;
    }
    // A bug: say so plainly; the stack only with --debug.
    const msg = e instanceof Error ? e.message : String(e);
    process.stderr.write(`cnr-synth: internal error: ${msg} (run again with --debug for the stack trace)\n`);
    if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return 2;
  }
}

installPipeGuards();
main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`cnr-synth: internal error: ${String(e)}\n`);
    process.exitCode = 2;
  },
);
