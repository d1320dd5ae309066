// @ts-check
'use strict';
const net = require('node:net');

/**
 * A TCP port that was free a moment ago on 127.0.0.1, for servers that must be told their port
 * up front (child processes, embedded PostgreSQL).
 * @returns {Promise<number>}
 */
function findFreePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

module.exports = { findFreePort };
