// Preloaded (node --require) into a measured process: at exit it writes the process's own CPU
// time (all threads) and peak RSS to $BENCH_USAGE_FILE. Plain CommonJS, so it loads into any
// process (the compiled CLI, `node -e`) without a TypeScript loader.
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  delete process.env.BENCH_USAGE_FILE;
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS }));
  });
}
