/**
 * The meshc command line: a thin shell over the library (design rule 10).
 * Each command's module is imported only when that command runs, so that
 * `meshc validate` (a pre-commit hook) never loads lowering, diffing or the
 * Envoy descriptors.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { diagnostic } from '../diagnostics/index.js';
import { DEFAULT_MAX_FILE_SIZE } from './inputs.js';
import { EXIT, printDiagnostics, type DiagnosticFormat } from './terminal.js';

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

function sizeArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number of bytes');
  return n;
}

/** Builds the commander program; each action reports its exit code through `setExit`. */
export function program(setExit: (code: number) => void): Command {
  const cli = new Command('meshc')
    .description('Compile declarative service-mesh policies (YAML) into Envoy v3 configuration.')
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const formatOption = (): Option =>
    new Option('--format <format>', 'diagnostics format').choices(['text', 'json']).default('text');
  const maxSize = (): Option =>
    new Option('--max-file-size <bytes>', 'largest input file accepted').argParser(sizeArg).default(DEFAULT_MAX_FILE_SIZE);

  cli
    .command('validate')
    .description('check policies (parse, schema, semantic rules) without writing anything')
    .argument('<paths...>', 'YAML files or directories (read recursively)')
    .addOption(formatOption())
    .addOption(maxSize())
    .action(async (paths: string[], o: { format: DiagnosticFormat; maxFileSize: number }) => {
      const { validateCommand } = await import('./commands/validate.js');
      setExit(validateCommand(paths, { format: o.format, maxFileSize: o.maxFileSize }));
    });

  cli
    .command('build')
    .description('compile policies into one Envoy bootstrap per proxy')
    .argument('<paths...>', 'YAML files or directories (read recursively)')
    .option('-o, --out <dir>', 'output directory: <dir>/<proxy>/bootstrap.json (replaced as a whole)')
    .option('--proxy <names...>', 'only these proxies')
    .option('--stdout', "print the one selected proxy's bootstrap to stdout (for piping into envoy)")
    .addOption(formatOption())
    .addOption(maxSize())
    .action(
      async (
        paths: string[],
        o: { out?: string; proxy?: string[]; stdout?: boolean; format: DiagnosticFormat; maxFileSize: number },
      ) => {
        const { buildCommand } = await import('./commands/build.js');
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

/** Runs the CLI with the given arguments and resolves to the exit code; never rejects. */
export async function run(argv: readonly string[]): Promise<number> {
  let code: number = EXIT.ok;
  const cli = program((c) => {
    code = c;
  });
  try {
    await cli.parseAsync([...argv], { from: 'user' });
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
