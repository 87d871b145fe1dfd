#!/usr/bin/env node
// The `meshc` command (package.json "bin"): runs bin/meshc.cjs, which starts
// the CLI bundle from V8's code cache. This file is only the stable entry
// point that installs and npx link to.
import { createRequire } from 'node:module';

createRequire(import.meta.url)('./meshc.cjs').main();
