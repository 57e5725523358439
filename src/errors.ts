/**
 * The one error family of cnr-synth. Anything thrown that is not a CnrError is a bug and is
 * reported with a stack trace; a CnrError becomes one line on stderr and exit code 2:
 *   cnr-synth: <file>[:<line>]: <what is wrong and what to do>
 */
export class CnrError extends Error {
  readonly exitCode: number = 2;
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The one line printed on stderr (without the "cnr-synth: " prefix). */
  get oneLine(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    return `${where}${this.message}`;
  }
}

/** Bad options or arguments. */
export class UsageError extends CnrError {}

/** Unreadable, malformed or unexpected input (file, line or page given where known). */
export class InputError extends CnrError {}

export function isCnrError(e: unknown): e is CnrError {
  return e instanceof CnrError;
}
