/** The meshc command line: a thin shell over the library (design rule 10). */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { buildCommand } from './commands/build.js';
import { validateCommand } from './commands/validate.js';
import { EXIT, printDiagnostics } from './terminal.js';
import { diagnostic } from '../diagnostics/index.js';
import { DEFAULT_MAX_FILE_SIZE } from './inputs.js';

function sizeArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number of bytes');
  return n;
}

/** Builds the commander program; `run` executes it and returns the exit code. */
export function program(setExit: (code: number) => void): Command {
  const cli = new Command('meshc')
    .description('Compile declarative service-mesh policies (YAML) into Envoy v3 configuration.')
    .version('0.1.0', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const formatOption = new Option('--format <format>', 'diagnostics format').choices(['text', 'json']).default('text');
  const maxSize = new Option('--max-file-size <bytes>', 'largest input file accepted')
    .argParser(sizeArg)
    .default(DEFAULT_MAX_FILE_SIZE);

  cli
    .command('validate')
    .description('check policies (parse, schema, semantic rules) without writing anything')
    .argument('<paths...>', 'YAML files or directories (read recursively)')
    .addOption(formatOption)
    .addOption(maxSize)
    .action((paths: string[], o: { format: 'text' | 'json'; maxFileSize: number }) => {
      setExit(validateCommand(paths, { format: o.format, maxFileSize: o.maxFileSize }));
    });

  cli
    .command('build')
    .description('compile policies into one Envoy bootstrap per proxy')
    .argument('<paths...>', 'YAML files or directories (read recursively)')
    .option('-o, --out <dir>', 'output directory: <dir>/<proxy>/bootstrap.json (replaced as a whole)')
    .option('--proxy <names...>', 'only these proxies')
    .option('--stdout', 'print the one selected proxy\'s bootstrap to stdout (for piping into envoy)')
    .addOption(formatOption)
    .addOption(maxSize)
    .action(
      (
        paths: string[],
        o: { out?: string; proxy?: string[]; stdout?: boolean; format: 'text' | 'json'; maxFileSize: number },
      ) => {
        setExit(
          buildCommand(paths, {
            ...(o.out !== undefined ? { out: o.out } : {}),
            ...(o.proxy !== undefined ? { proxy: o.proxy } : {}),
            stdout: o.stdout === true,
            format: o.format,
            maxFileSize: o.maxFileSize,
          }),
        );
      },
    );
  return cli;
}

/** Runs the CLI with the given arguments and returns the exit code; never throws. */
export function run(argv: readonly string[]): number {
  let code: number = EXIT.ok;
  const cli = program((c) => {
    code = c;
  });
  try {
    cli.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; every usage mistake exits 2.
      return e.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    const internal = diagnostic('InternalError', undefined, { detail: e instanceof Error ? e.message : String(e) });
    printDiagnostics([internal], new Map(), 'text');
    return EXIT.error;
  }
  return code;
}
