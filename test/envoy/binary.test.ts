// The pinned Envoy releases are there and are what they claim to be: the
// foundation of every real-Envoy suite (test/helpers/envoy.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ENVOY_VERSIONS, envoyBinary, envoySkipped, SKIP_REASON } from '../helpers/envoy.js';

for (const version of ENVOY_VERSIONS) {
  test(`Envoy ${version} runs and reports its version`, { skip: envoySkipped() && SKIP_REASON }, () => {
    const r = spawnSync(envoyBinary(version), ['--version'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`/${version.replaceAll('.', '\\.')}/`));
  });
}
