// @ts-check
'use strict';
const { tmpdir } = require('node:os');
const path = require('node:path');

/** Where cpu-profile.preload.js writes the profile of process `pid`. @param {number} pid */
function cpuProfilePath(pid) {
  return path.join(tmpdir(), `wxlogin-bench-${pid}.cpuprofile`);
}

module.exports = { cpuProfilePath };
