/**
 * The meshc command line: a thin shell over the library (design rule 10).
 * Each command's module is imported only when that command runs, so that
 * `meshc validate` (a pre-commit hook) never loads lowering, diffing or the
 * Envoy descriptors.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { diagnostic } from '../diagnostics/index.js';
import { DEFAULT_MAX_FILE_SIZE } from './inputs.js';
import { DIAGNOSTIC_FORMATS, EXIT, prepareTerminal, printDiagnostics, VERSION, type DiagnosticFormat } from './terminal.js';

/** The kinds, for help texts (kept here so help does not load the schema module). */
const ALL_KIND_NAMES = 'Mesh, Service, HTTPRoute, TrafficSplit, TrafficPolicy, AuthorizationPolicy, RequestAuthentication, Gateway';

function sizeArg(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive whole number of bytes');
  return n;
}

/** Builds the commander program; each action reports its exit code through `setExit`. */
export function program(setExit: (code: number) => void): Command {
  const cli = new Command('meshc')
    .description('Compile declarative service-mesh policies (YAML) into Envoy v3 configuration.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const formatOption = (): Option =>
    new Option('--format <format>', 'diagnostics format').choices(DIAGNOSTIC_FORMATS).default('text');
  const diagnosticsOption = (): Option =>
    new Option('--diagnostics <format>', 'diagnostics format').choices(DIAGNOSTIC_FORMATS).default('text');
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
      setExit(await validateCommand(paths, { format: o.format, maxFileSize: o.maxFileSize }));
    });

  cli
    .command('build')
    .description('compile policies into Envoy configuration, one directory per proxy')
    .argument('<paths...>', 'YAML files or directories (read recursively)')
    .option('-o, --out <dir>', 'output directory: <dir>/<proxy>/bootstrap.json (replaced as a whole)')
    .option('--proxy <names...>', 'only these proxies')
    .option('--stdout', "print the one selected proxy's static bootstrap to stdout (for piping into envoy)")
    .addOption(
      new Option('--mode <mode>', 'static: one self-contained bootstrap; xds: bootstrap + lds/cds files')
        .choices(['static', 'xds'])
        .default('static'),
    )
    .addOption(new Option('--format <format>', 'file format of the emitted config').choices(['json', 'yaml']).default('json'))
    .option('--config-dir <dir>', 'xds mode: directory the files are deployed to on the proxy, written into the bootstrap (default: /etc/envoy)')
    .addOption(diagnosticsOption())
    .addOption(maxSize())
    .action(
      async (
        paths: string[],
        o: {
          out?: string;
          proxy?: string[];
          stdout?: boolean;
          mode: 'static' | 'xds';
          format: 'json' | 'yaml';
          configDir?: string;
          diagnostics: DiagnosticFormat;
          maxFileSize: number;
        },
      ) => {
        const { buildCommand } = await import('./commands/build.js');
        setExit(
          await buildCommand(paths, {
            ...(o.out !== undefined ? { out: o.out } : {}),
            ...(o.proxy !== undefined ? { proxy: o.proxy } : {}),
            stdout: o.stdout === true,
            mode: o.mode,
            format: o.format,
            ...(o.configDir !== undefined ? { configDir: o.configDir } : {}),
            diagnostics: o.diagnostics,
            maxFileSize: o.maxFileSize,
          }),
        );
      },
    );
  cli
    .command('verify')
    .description("check Envoy config files (JSON or YAML: bootstrap, DiscoveryResponse or one resource) against Envoy's API")
    .argument('<files...>', 'files or directories (*.json, *.yaml, *.yml); files given together are checked together')
    .addOption(
      new Option('--type <type>', 'what every document is (default: detected per document)').choices([
        'bootstrap',
        'discovery-response',
        'cluster',
        'listener',
        'route',
        'virtual-host',
        'endpoint',
        'secret',
      ]),
    )
    .addOption(formatOption())
    .addOption(maxSize())
    .action(async (files: string[], o: { type?: string; format: DiagnosticFormat; maxFileSize: number }) => {
      const { verifyCommand } = await import('./commands/verify.js');
      setExit(
        verifyCommand(files, {
          ...(o.type !== undefined ? { type: o.type as import('../verify/index.js').EnvoyConfigType } : {}),
          format: o.format,
          maxFileSize: o.maxFileSize,
        }),
      );
    });

  cli
    .command('schema')
    .description('print the JSON Schema of a kind (or of any meshc document) for editors')
    .argument('[kind]', `one of ${ALL_KIND_NAMES}; omitted: any kind`)
    .action(async (kind: string | undefined) => {
      const { schemaCommand } = await import('./commands/schema.js');
      setExit(schemaCommand(kind));
    });

  cli
    .command('init')
    .description('write a small starter mesh that validates and builds')
    .argument('[dir]', 'directory to create', 'mesh')
    .action(async (dir: string) => {
      const { initCommand } = await import('./commands/init.js');
      setExit(await initCommand(dir));
    });

  cli
    .command('diff')
    .description('compile in memory and compare with a golden directory, resource by resource')
    .argument('<paths...>', 'YAML files or directories (read recursively)')
    .requiredOption('--golden <dir>', 'the golden directory (as written by build -o)')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'markdown']).default('text'))
    .addOption(new Option('--mode <mode>', 'output mode (default: as the golden directory is)').choices(['static', 'xds']))
    .addOption(new Option('--output-format <format>', 'file format (default: as the golden directory is)').choices(['json', 'yaml']))
    .option('--config-dir <dir>', 'xds mode: directory the files are deployed to on the proxy')
    .option('--update', 'rewrite the golden directory to match (removing orphans)')
    .addOption(diagnosticsOption())
    .addOption(maxSize())
    .action(
      async (
        paths: string[],
        o: {
          golden: string;
          format: 'text' | 'json' | 'markdown';
          mode?: 'static' | 'xds';
          outputFormat?: 'json' | 'yaml';
          configDir?: string;
          update?: boolean;
          diagnostics: DiagnosticFormat;
          maxFileSize: number;
        },
      ) => {
        const { diffCommand } = await import('./commands/diff.js');
        setExit(
          await diffCommand(paths, {
            golden: o.golden,
            format: o.format,
            ...(o.mode !== undefined ? { mode: o.mode } : {}),
            ...(o.outputFormat !== undefined ? { outputFormat: o.outputFormat } : {}),
            ...(o.configDir !== undefined ? { configDir: o.configDir } : {}),
            update: o.update === true,
            diagnostics: o.diagnostics,
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
    await prepareTerminal();
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
