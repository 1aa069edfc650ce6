// Preloaded into every Node process that `threadtap run` starts (NODE_OPTIONS=--require). Node before 22.21 / 24.5
// ignores HTTP(S)_PROXY in its built-in fetch, so agents written against fetch would bypass the proxy. This installs
// undici's EnvHttpProxyAgent as the global dispatcher, which honours HTTP_PROXY, HTTPS_PROXY and NO_PROXY.
//
// Rules this file keeps, because it runs inside programs that are not ours:
// - It is inert unless THREADTAP_PROXY_URL is set, so a NODE_OPTIONS that leaks elsewhere changes nothing.
// - It never overrides a dispatcher someone already chose (Node's own NODE_USE_ENV_PROXY support, or the program).
// - It costs nothing until the first fetch: loading undici takes ~100 ms and every `node` the agent spawns (npm,
//   tsc, test runners) would pay it. The global-dispatcher slot is an accessor that loads undici on first read.
// - It never throws: if undici cannot be resolved or loaded, the program gets Node's default dispatcher.
// Node's `http`/`https` modules are not routed here: that needs a CONNECT-capable http.Agent, which undici does not
// provide. Node >= 22.21 / 24.5 routes them natively under NODE_USE_ENV_PROXY=1, which `threadtap run` also sets.
'use strict';

(function installThreadtapFetchProxy() {
  try {
    if (!process.env.THREADTAP_PROXY_URL) return;
    // The symbol Node's bundled undici (and the undici package) read the global dispatcher from.
    const slot = Symbol.for('undici.globalDispatcher.1');
    if (Object.getOwnPropertyDescriptor(globalThis, slot)) return;
    let undiciPath;
    try {
      // Resolved from this file's own folder, so it finds Threadtap's undici whatever the child's cwd is.
      undiciPath = require.resolve('undici');
    } catch {
      return;
    }

    let loading = false;
    const lazyGet = function () {
      // Loading the undici package reads this slot itself (to install its default Agent); answer "unset" then.
      if (loading) return undefined;
      loading = true;
      try {
        const undici = require(undiciPath);
        // proxyTunnel: false sends plain-HTTP requests to the proxy in absolute form rather than through CONNECT,
        // as curl and Python do, so the proxy can see (and capture) them.
        undici.setGlobalDispatcher(new undici.EnvHttpProxyAgent({ proxyTunnel: false }));
      } catch {
        const current = Object.getOwnPropertyDescriptor(globalThis, slot);
        if (current && current.get === lazyGet) delete globalThis[slot];
      } finally {
        loading = false;
      }
      return globalThis[slot];
    };
    Object.defineProperty(globalThis, slot, {
      configurable: true,
      enumerable: false,
      get: lazyGet,
      set(value) {
        Object.defineProperty(globalThis, slot, { value, writable: true, enumerable: false, configurable: true });
      },
    });
  } catch {
    // Never break the program this was preloaded into.
  }
})();
