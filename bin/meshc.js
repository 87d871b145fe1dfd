#!/usr/bin/env node
// The `meshc` command (package.json "bin"): runs bin/meshc.cjs, which starts
// the CLI bundle from V8's code cache. This file is only the stable entry
// point that installs and npx link to. It is CommonJS (bin/package.json):
// an ES-module entry would cost Node's asynchronous module loader on every
// start (docs/performance.md).
'use strict';
require('./meshc.cjs').main();
