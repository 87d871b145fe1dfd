#!/usr/bin/env node
import '../dist/src/bundle/main.js';
