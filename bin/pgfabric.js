#!/usr/bin/env node
// The package's bin: runs the compiled CLI (`npm install` compiles it through the `prepare` script).
import '../dist/src/cli/main.js';
