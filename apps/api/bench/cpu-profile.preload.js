// @ts-check
'use strict';
// `node --require ./bench/cpu-profile.preload.js <server>`: samples the process's CPU from start
// to stop and writes a .cpuprofile (Chrome DevTools format) to the temp folder. Node's own
// `--cpu-prof` writes nothing when the process ends by a re-raised signal, which is how Nest's
// shutdown hooks end the API on SIGTERM; this writes first, synchronously, then lets them run.
// Used by `bench/run.js --profile` (both servers); summarise with `node bench/cpu-profile-summary.js <file>`.
const { Session } = require('node:inspector');
const { writeFileSync } = require('node:fs');
const { cpuProfilePath } = require('./cpu-profile-path');

const SAMPLING_INTERVAL_US = 200;
const outputFile = cpuProfilePath(process.pid);

const session = new Session();
session.connect();
session.post('Profiler.enable');
session.post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
session.post('Profiler.start');

let isWritten = false;
function writeProfile() {
  if (isWritten) return;
  isWritten = true;
  // An in-process inspector session answers synchronously.
  session.post('Profiler.stop', (error, result) => {
    if (error) {
      process.stderr.write(`cpu profile not written: ${error.message}\n`);
      return;
    }
    writeFileSync(outputFile, JSON.stringify(result.profile));
    process.stderr.write(`cpu profile written to ${outputFile}\n`);
  });
}

process.prependListener('SIGTERM', writeProfile);
process.prependListener('SIGINT', writeProfile);
process.on('exit', writeProfile);
