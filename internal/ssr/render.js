// The render driver of gorsc's embedded JavaScript engine (internal/ssr),
// evaluated in every VM after host.js and the server bundle (see
// internal/bundle/server.go for what the bundle defines).
//
// One render: Flight rows -> React's Flight client -> the client element ->
// react-dom/server.edge renderToReadableStream -> HTML bytes to Go. The Go
// side drives the event loop (microtasks, then timers) between calls.
(function (g) {
  "use strict";
  const ssr = g.__gorsc_ssr;
  if (!ssr || ssr.version !== 1) {
    throw new Error("gorsc: the server bundle does not define __gorsc_ssr version 1; rebuild the assets with this gorsc");
  }
  const native = g.__gorsc_host.native;
  delete g.__gorsc_host;
  const React = ssr.React;
  const modules = ssr.modules;

  // The webpack globals React's Flight client calls. Module ids are the
  // browser bundle's (the ids in the I rows); chunks are already here.
  g.__webpack_require__ = function (id) {
    const load = Object.prototype.hasOwnProperty.call(modules, id) ? modules[id] : undefined;
    if (!load) throw new Error("gorsc: client module " + id + " is not in the server bundle; rebuild the assets");
    return load();
  };
  g.__webpack_chunk_load__ = () => Promise.resolve();
  g.__webpack_get_script_filename__ = (id) => id;
  const moduleMap = {};
  for (const id of Object.keys(modules)) moduleMap[id] = { "*": { id, chunks: [], name: "*" } };
  const manifest = { moduleMap, serverModuleMap: null, moduleLoading: null };

  function details(e) {
    if (e instanceof Error) return [e.name || "Error", String(e.message), String(e.stack || "")];
    return ["Error", typeof e === "string" ? e : describeThrown(e), ""];
  }
  function describeThrown(e) {
    try {
      return "a non-Error value was thrown: " + JSON.stringify(e);
    } catch (x) {
      return "a non-Error value was thrown: " + String(e);
    }
  }

  // __gorsc_warm evaluates every client module once, so that a pooled VM
  // is ready for any render. It returns the modules that failed, as JSON.
  g.__gorsc_warm = function () {
    const failed = [];
    for (const id of Object.keys(modules)) {
      try {
        modules[id]();
      } catch (e) {
        const d = details(e);
        failed.push({ id, name: d[0], message: d[1], stack: d[2] });
      }
    }
    return JSON.stringify(failed);
  };

  // The reason a render is aborted with when it waits on something that
  // cannot finish within the budget; its boundaries are written as
  // client-rendered with this digest, which Go blanks.
  const SUSPENDED = { gorscSuspended: true };
  const SUSPENDED_DIGEST = "gorsc:suspended";

  let current = null;

  // __gorsc_render starts a render. flight is an ArrayBuffer of complete
  // Flight rows whose row 0 is the client element; forks is the tree
  // context as [n0, i0, n1, i1, ...] from the root (see fizz.TreeContext);
  // wrapper is the host element the element is rendered in (its format
  // context), and formState is an ArrayBuffer of Flight rows whose row 0
  // is React's formState, or null.
  g.__gorsc_render = function (flight, forks, wrapper, formState) {
    const r = { status: "", controller: new AbortController(), aborted: false, digests: new Map() };
    current = r;
    run(r, flight, forks, wrapper, formState).then(
      () => {
        r.status = "ok";
      },
      (e) => {
        if (r.status !== "") return;
        if (e === SUSPENDED) {
          r.status = "suspended";
          return;
        }
        let digest = r.digests.get(e);
        if (digest === undefined) {
          const d = details(e);
          digest = native.error("fatal", d[0], d[1], d[2], "");
        }
        r.status = "error:" + digest;
      }
    );
  };
  // __gorsc_status returns "" while the render runs, then "ok",
  // "suspended" (its shell waited past the budget) or "error:<digest>".
  g.__gorsc_status = () => (current ? current.status : "ok");
  // __gorsc_abort stops waiting: boundaries still suspended are written
  // with their fallbacks, as client-rendered boundaries.
  g.__gorsc_abort = function () {
    if (current && !current.aborted) {
      current.aborted = true;
      current.controller.abort(SUSPENDED);
    }
  };

  function decode(rows) {
    const input = new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array(rows));
        c.close();
      },
    });
    // A row that never came (a Suspense boundary of the props still
    // streaming on the Go side) stays pending rather than failing with
    // "Connection closed": the boundary gets its fallback.
    return ssr.createFromReadableStream(input, { serverConsumerManifest: manifest, unstable_allowPartialStream: true });
  }

  async function run(r, flight, forks, wrapper, formStateRows) {
    let element, formState;
    try {
      element = await decode(flight);
      if (formStateRows) formState = await decode(formStateRows);
    } catch (e) {
      const d = details(e);
      r.digests.set(e, native.error("flight", d[0], d[1], d[2], ""));
      throw e;
    }
    let node = element;
    if (forks.length > 0) {
      // Reproduce the browser's forks around the element: arrays of the
      // same lengths with the element at the same index, from the root.
      node = React.createElement(React.Fragment, { key: "gorsc" }, node);
      for (let k = forks.length - 2; k >= 0; k -= 2) {
        const arr = new Array(forks[k]);
        arr[forks[k + 1]] = node;
        node = arr;
      }
    }
    node = React.createElement(wrapper, wrapper === "svg" ? { "data-gorsc-ssr": "" } : null, node);
    const stream = await ssr.renderToReadableStream(node, {
      signal: r.controller.signal,
      formState,
      onError(error, info) {
        if (error === SUSPENDED) return SUSPENDED_DIGEST;
        const known = r.digests.get(error);
        if (known !== undefined) return known;
        const d = details(error);
        const digest = native.error("render", d[0], d[1], d[2], (info && info.componentStack) || "");
        if (error !== null && (typeof error === "object" || typeof error === "function")) r.digests.set(error, digest);
        return digest;
      },
    });
    await stream.allReady;
    const reader = stream.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      native.write(value.buffer, value.byteOffset, value.byteLength);
    }
  }
})(globalThis);
