#!/usr/bin/env node
// React's development build is slow; set production before anything loads it.
process.env.NODE_ENV ??= 'production';
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
