// Test tooling only: React's own output for the writer golden cases in
// internal/testdata/writers/cases.json and values.json (node conventions:
// see internal/writertest/writertest.go; <cases.json> below may be several
// case files joined with commas). gorsc's Go tests compare their Flight
// and HTML writers against what this script gets from React 19.3.
//
//   node tools/react/writers.mjs golden <cases.json> <outdir> flight|html
//       Writes <outdir>/<case>.rsc (React's Flight rows) or <case>.html
//       (react-dom/server's HTML for the tree decoded from those rows).
//   node tools/react/writers.mjs decode <cases.json> <rows.json>
//       rows.json is {"label": "<flight rows in base64>", …}; prints
//       {"label": {"tree": <normalized decoded tree>} | {"error": "…"}, …}
//       using React's Flight client (react-server-dom-webpack/client).
//   node --conditions=react-server tools/react/writers.mjs flight <cases.json>
//       Internal: prints {"case": "<flight rows>", …}. It runs in its own
//       process because the react-server condition changes what "react"
//       resolves to.
//
//   node tools/react/writers.mjs stream <stream-cases.json> <outdir>
//       Writes <outdir>/<case>.stream.html: react-dom/server's streamed
//       document for the case's tree, rendered directly (no Flight), in
//       which ["$later", {"gate": n}, child, …] renders its children only
//       once gate n opens. The shell is piped when ready; then the gates
//       open one at a time, in order, each after React has flushed what
//       the previous one released.
//
//   node tools/react/writers.mjs decode-dev <cases.json> <rows.json>
//       As decode, with React's development builds (NODE_ENV=development);
//       each result also lists the warnings React logged while decoding
//       and rendering that response ({"tree", "warnings": […]}).
//
// Everything else runs with NODE_ENV=production: gorsc writes the
// production row shapes unless asked for development ones.
process.env.NODE_ENV = process.argv[2] === "decode-dev" ? "development" : "production";

import { readFileSync, writeFileSync, renameSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { PassThrough, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import path from "node:path";

const [mode, casesArg, ...rest] = process.argv.slice(2);
const casesArgs = (casesArg ?? "").split(",").map((f) => path.resolve(f));
const casesPath = casesArgs.join(",");
const corpus = { clients: {}, cases: [] };
for (const f of casesArgs) {
  const part = JSON.parse(readFileSync(f, "utf8"));
  Object.assign(corpus.clients, part.clients ?? {});
  corpus.cases.push(...part.cases);
}

// ---- building React elements from the case JSON -------------------------

// build turns a case node into React elements. env supplies what differs
// between the Flight server (client references, server references) and
// the rest.
function build(React, node, env) {
  if (node === null || typeof node === "string" || typeof node === "number") return node;
  if (typeof node === "object" && !Array.isArray(node) && ("$repeat" in node || "$number" in node)) return revive(node, env);
  if (!Array.isArray(node)) throw new Error("bad node " + JSON.stringify(node));
  const [head, ...tail] = node;
  const h = React.createElement;
  switch (head) {
    case "$fragment": {
      const [props, ...kids] = tail;
      return h(React.Fragment, props ?? null, ...kids.map((k) => build(React, k, env)));
    }
    case "$suspense": {
      const [props, ...kids] = tail;
      const p = { ...props, fallback: build(React, props?.fallback ?? null, env) };
      return h(React.Suspense, p, ...kids.map((k) => build(React, k, env)));
    }
    case "$viewtransition": {
      const [props, ...kids] = tail;
      return h(React.ViewTransition, props ?? null, ...kids.map((k) => build(React, k, env)));
    }
    case "$later": {
      const [props, ...kids] = tail;
      return h(env.later, { gate: props.gate }, ...kids.map((k) => build(React, k, env)));
    }
    case "$client": {
      // gorsc wraps every client component in a Suspense boundary whose
      // fallback is the ClientRef's Fallback, and gives the key to that
      // boundary (internal/flight clientElement).
      const [ref, props, fallback] = tail;
      const { key, ...rest } = revive(props ?? {}, env);
      const sp = { fallback: build(React, fallback ?? null, env) };
      if (key !== undefined) sp.key = key;
      return h(React.Suspense, sp, h(env.client(ref), rest));
    }
  }
  const [props, ...kids] = tail;
  const p = {};
  // A null host prop is an absent attribute: gorsc's Go side has no
  // "present but null" attribute (a nil value means unset).
  for (const [k, v] of Object.entries(props ?? {})) if (v !== null) p[k] = buildProp(React, k, v, env);
  return h(head, p, ...kids.map((k) => build(React, k, env)));
}

function buildProp(React, name, v, env) {
  if (v && typeof v === "object" && !Array.isArray(v) && typeof v.$action === "string") {
    return env.action(v.$action, v.bound ?? null);
  }
  return revive(v, env);
}

// revive builds the values that cases.json writes as tagged objects
// (internal/writertest/tagged.go lists them).
const TYPED = {
  ArrayBuffer: (v) => new Uint8Array(v).buffer,
  DataView: (v) => new DataView(new Uint8Array(v).buffer),
  Int8Array: (v) => new Int8Array(v),
  Uint8ClampedArray: (v) => new Uint8ClampedArray(v),
  Int16Array: (v) => new Int16Array(v),
  Uint16Array: (v) => new Uint16Array(v),
  Int32Array: (v) => new Int32Array(v),
  Uint32Array: (v) => new Uint32Array(v),
  Float32Array: (v) => new Float32Array(v),
  Float64Array: (v) => new Float64Array(v),
  BigInt64Array: (v) => new BigInt64Array(v.map((x) => BigInt(x))),
  BigUint64Array: (v) => new BigUint64Array(v.map((x) => BigInt(x))),
};

function revive(v, env) {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => revive(x, env));
  const [first] = Object.keys(v);
  if (first !== undefined && first.startsWith("$")) {
    const arg = v[first];
    switch (first) {
      case "$date":
        return new Date(arg);
      case "$bigint":
        return BigInt(arg);
      case "$number":
        return arg === "-0" ? -0 : Number(arg);
      case "$undefined":
        return undefined;
      case "$bytes":
        return new Uint8Array(arg);
      case "$typed":
        if (!TYPED[arg]) throw new Error("unknown typed array " + arg);
        return TYPED[arg](v.values);
      case "$repeat":
        return arg.repeat(v.n);
      case "$action":
        return env.action(arg, v.bound === undefined ? null : revive(v.bound, env));
      case "$go":
        return revive(v.js, env);
      case "$map":
        return new Map(arg.map(([k, x]) => [revive(k, env), revive(x, env)]));
      case "$set":
        return new Set(arg.map((x) => revive(x, env)));
      case "$null":
        return null;
      case "$promise": {
        const value = revive(arg, env);
        return new Promise((resolve) => setTimeout(() => resolve(value), 5));
      }
      case "$rejected": {
        const err = Object.assign(new Error(arg), { gorscDigest: "D:" + arg });
        const p = new Promise((_, reject) => setTimeout(() => reject(err), 5));
        p.catch(() => {}); // React handles it; keep Node from reporting it as unhandled first
        return p;
      }
      case "$node":
        return build(env.React, arg, env);
      case "$shared": {
        // One value per name and case: objects and arrays are named
        // before they are filled, so they may contain themselves.
        if (!("value" in v)) {
          if (!env.shared.has(arg)) throw new Error("$shared " + arg + " used before its definition");
          return env.shared.get(arg);
        }
        const def = v.value;
        if (Array.isArray(def)) {
          const out = [];
          env.shared.set(arg, out);
          for (const x of def) out.push(revive(x, env));
          return out;
        }
        if (def !== null && typeof def === "object" && !(Object.keys(def)[0] ?? "").startsWith("$")) {
          const out = {};
          env.shared.set(arg, out);
          for (const [k, x] of Object.entries(def)) out[k] = revive(x, env);
          return out;
        }
        const out = revive(def, env);
        env.shared.set(arg, out);
        return out;
      }
    }
  }
  const out = {};
  for (const [k, x] of Object.entries(v)) out[k] = revive(x, env);
  return out;
}

function clientMeta(ref) {
  const m = corpus.clients[ref];
  if (!m) throw new Error("no client " + ref + " in cases.json");
  return m;
}

// ---- flight: React's Flight server (needs --conditions=react-server) -----

async function flightMode() {
  const React = await import("react");
  const server = await import("react-server-dom-webpack/server");
  const clients = new Map();
  const actions = new Map();
  const webpackMap = {};
  const env = {
    client(ref) {
      if (!clients.has(ref)) {
        const m = clientMeta(ref);
        const stub = server.registerClientReference(
          function () {
            throw new Error("client component called on the server");
          },
          m.id,
          m.name,
        );
        webpackMap[m.id + "#" + m.name] = { id: m.id, chunks: m.chunks, name: m.name, ...(m.async ? { async: true } : {}) };
        clients.set(ref, stub);
      }
      return clients.get(ref);
    },
    // One function per action id, as an imported action is in an app
    // (and as gorsc, which knows actions by id, writes it once).
    action(id, bound) {
      if (!actions.has(id)) actions.set(id, server.registerServerReference(async function () {}, id, null));
      const fn = actions.get(id);
      return bound === null ? fn : fn.bind(null, ...bound);
    },
  };
  env.React = React;
  const out = {};
  for (const c of corpus.cases) {
    env.shared = new Map();
    const model = build(React, c.tree, env);
    out[c.name] = await renderFlight(server, model, webpackMap);
  }
  process.stdout.write(JSON.stringify(out));
}

function renderFlight(server, model, webpackMap) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        chunks.push(Buffer.from(chunk));
        cb();
      },
      final(cb) {
        // Base64: binary rows need not be valid UTF-8.
        resolve(Buffer.concat(chunks).toString("base64"));
        cb();
      },
    });
    const { pipe } = server.renderToPipeableStream(model, webpackMap, {
      onError(err) {
        // A case's rejected promise ({"$rejected"}) is expected: its
        // digest is what gorsc's side gives it. Anything else fails.
        if (err && err.gorscDigest) return err.gorscDigest;
        reject(err);
      },
    });
    pipe(sink);
  });
}

function reactFlight() {
  const self = fileURLToPath(import.meta.url);
  const json = execFileSync(
    process.execPath,
    ["--conditions=react-server", self, "flight", casesPath],
    { cwd: path.dirname(self), maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, NODE_ENV: "production" } },
  );
  const out = JSON.parse(json.toString("utf8"));
  for (const k of Object.keys(out)) out[k] = Buffer.from(out[k], "base64");
  return out;
}

// ---- the Flight client side (SSR process, no react-server condition) -----

// Client components in this process: every module export is a component
// that asks for browser-only rendering, as a gorsc client component does
// in gorsc's HTML (flight-spec §4.3: Fizz then writes
// <!--$!--><template data-dgst=""></template>fallback<!--/$-->).
async function clientSide() {
  const React = await import("react");
  const ReactDOM = await import("react-dom");
  const client = await import("react-server-dom-webpack/client");
  // Module exports by client id, from the manifest in cases.json.
  const modules = new Map();
  for (const m of Object.values(corpus.clients)) {
    if (!modules.has(m.id)) modules.set(m.id, {});
    const label = m.id + "#" + m.name;
    const fn = function ClientStub() {
      React.use(ReactDOM.browser("client component " + label));
      return null;
    };
    fn.gorscClientLabel = label;
    modules.get(m.id)[m.name] = fn;
  }
  const moduleFor = (id) => {
    if (!modules.has(id)) throw new Error("unknown client module " + id);
    return modules.get(id);
  };
  globalThis.__webpack_require__ = (id) => moduleFor(id);
  globalThis.__webpack_chunk_load__ = () => Promise.resolve();
  // moduleMap: every client id maps to itself, with no chunks to load.
  const moduleMap = new Proxy(
    {},
    {
      get(_t, id) {
        if (typeof id !== "string") return undefined;
        return new Proxy({}, { get: (_u, name) => (typeof name === "string" ? { id, chunks: [], name } : undefined) });
      },
    },
  );
  function decode(rows, options) {
    const stream = new PassThrough();
    stream.end(Buffer.isBuffer(rows) ? rows : Buffer.from(rows, "base64"));
    return client.createFromNodeStream(stream, { moduleMap, serverModuleMap: null, moduleLoading: null }, options);
  }
  return { React, ReactDOM, client, decode };
}

// ---- html: react-dom/server on the decoded Flight tree -------------------

async function htmlMode(flight) {
  const side = await clientSide();
  const server = await import("react-dom/server");
  const out = {};
  for (const c of corpus.cases) {
    const root = await side.decode(flight[c.name]);
    out[c.name] = await renderHTML(server, root);
  }
  return out;
}

function renderHTML(server, root) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        chunks.push(Buffer.from(chunk));
        cb();
      },
      final(cb) {
        resolve(Buffer.concat(chunks).toString("utf8"));
        cb();
      },
    });
    const errors = [];
    const { pipe } = server.renderToPipeableStream(root, {
      // Browser-only bailouts (the client components) are expected; any
      // other error is a failure of the case.
      onError(err) {
        errors.push(err);
      },
      onAllReady() {
        if (errors.length) reject(errors[0]);
        else pipe(sink);
      },
      onShellError(err) {
        reject(err);
      },
    });
  });
}

// ---- decode: normalized trees from React's Flight client -----------------

const ELEMENT = Symbol.for("react.transitional.element");
const LAZY = Symbol.for("react.lazy");

async function decodeMode(rowsByLabel, dev) {
  const side = await clientSide();
  const server = dev ? await import("react-dom/server") : null;
  const out = {};
  let warnings = [];
  if (dev) {
    // Every console.error/warn React's development builds write is a
    // warning about the rows (keys, element shapes, props).
    for (const level of ["error", "warn"]) {
      console[level] = (...args) => warnings.push(level + ": " + args.map(String).join(" "));
    }
  }
  for (const [label, rows] of Object.entries(rowsByLabel)) {
    warnings = [];
    try {
      const root = await side.decode(rows, {
        // Lets normalize read an action's id and bound arguments.
        encodeFormAction: (id, bound) => ({ id, bound }),
      });
      const tree = await normalize(root, new Map(), "$");
      if (dev) {
        // Rendering the decoded tree is where the development client's
        // element checks (keys, validated) run.
        const again = await side.decode(rows);
        await renderHTML(server, again).catch((err) => warnings.push("render: " + String(err)));
      }
      out[label] = dev ? { tree, warnings } : { tree };
    } catch (err) {
      out[label] = { error: String(err && err.stack ? err.stack : err), warnings };
    }
  }
  process.stdout.write(JSON.stringify(out));
}

// normalize turns a decoded value into JSON. Objects met again (shared by
// reference, or containing themselves) become {"$ref": path}, the path
// where normalize first met them: identity is part of the decoded tree.
// Elements and their props objects are made per element and not tracked.
async function normalize(v, seen, at) {
  if (v === undefined) return { $undefined: true };
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Number.isFinite(v) && !Object.is(v, -0) ? v : { $number: String(Object.is(v, -0) ? "-0" : v) };
  if (typeof v === "symbol") return { $symbol: v.description };
  if (typeof v === "bigint") return { $bigint: v.toString() };
  if (v instanceof Date) return { $date: isNaN(v) ? "Invalid Date" : v.toISOString() };
  if (typeof v === "function") {
    if (v.gorscClientLabel) return { $client: v.gorscClientLabel };
    if (typeof v.$$FORM_ACTION === "function") {
      const { id, bound } = v.$$FORM_ACTION("");
      return { $action: id, bound: await normalize(await bound, seen, at + ".bound") };
    }
    return { $function: v.name };
  }
  if (v.$$typeof === ELEMENT) {
    return { $element: await normalize(v.type, seen, at + ".type"), key: v.key, props: await normalizeFields(v.props, seen, at + ".props") };
  }
  if (v.$$typeof === LAZY) {
    let resolved;
    for (;;) {
      try {
        resolved = v._init(v._payload);
        break;
      } catch (x) {
        if (x && typeof x.then === "function") await x;
        else throw x;
      }
    }
    return normalize(resolved, seen, at);
  }
  if (seen.has(v)) return { $ref: seen.get(v) };
  seen.set(v, at);
  if (v instanceof ArrayBuffer) return { $typed: "ArrayBuffer", bytes: Array.from(new Uint8Array(v)) };
  if (ArrayBuffer.isView(v)) {
    return { $typed: v.constructor.name, bytes: Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
  }
  if (Array.isArray(v)) {
    const out = [];
    for (let i = 0; i < v.length; i++) out.push(await normalize(v[i], seen, at + "." + i));
    return out;
  }
  if (v instanceof Map) {
    const out = [];
    let i = 0;
    for (const [k, x] of v) {
      out.push([await normalize(k, seen, at + ".key" + i), await normalize(x, seen, at + ".value" + i)]);
      i++;
    }
    return { $map: out };
  }
  if (v instanceof Set) {
    const out = [];
    let i = 0;
    for (const x of v) out.push(await normalize(x, seen, at + "." + i++));
    return { $set: out };
  }
  if (typeof v.then === "function") {
    try {
      return { $promise: await normalize(await v, seen, at + ".then") };
    } catch (err) {
      return { $rejected: err && err.digest !== undefined ? err.digest : String(err) };
    }
  }
  return normalizeFields(v, seen, at);
}

async function normalizeFields(v, seen, at) {
  const out = {};
  for (const k of Object.keys(v).sort()) out[k] = await normalize(v[k], seen, at + "." + k);
  return out;
}

// ---- stream: react-dom/server's streamed output ---------------------------

async function streamMode(outdir) {
  const React = await import("react");
  const server = await import("react-dom/server");
  mkdirSync(outdir, { recursive: true });
  for (const c of corpus.cases) {
    const gates = [];
    const gate = (n) => {
      while (gates.length <= n) {
        let open;
        const promise = new Promise((r) => (open = r));
        gates.push({ promise, open });
      }
      return gates[n];
    };
    function Later({ gate: n, children }) {
      React.use(gate(n).promise);
      return children;
    }
    const env = {
      client() {
        throw new Error("stream cases have no client components");
      },
      action() {
        throw new Error("stream cases have no actions");
      },
      later: Later,
    };
    const html = await renderStreamed(server, build(React, c.tree, env), gates, gate);
    writeAtomic(path.join(outdir, c.name + ".stream.html"), html);
  }
}

function renderStreamed(server, root, gates, gate) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const sink = new Writable({
      write(chunk, _enc, cb) {
        chunks.push(Buffer.from(chunk));
        cb();
      },
      final(cb) {
        resolve(Buffer.concat(chunks).toString("utf8"));
        cb();
      },
    });
    const settle = () => new Promise((r) => setTimeout(r, 20));
    const { pipe } = server.renderToPipeableStream(root, {
      onError(err) {
        reject(err);
      },
      onShellError(err) {
        reject(err);
      },
      async onShellReady() {
        pipe(sink);
        await settle();
        for (let n = 0; n < gates.length; n++) {
          gate(n).open();
          await settle();
        }
      },
    });
  });
}

// ---- main ----------------------------------------------------------------

function writeAtomic(file, data) {
  const tmp = file + ".tmp" + process.pid;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

switch (mode) {
  case "flight":
    await flightMode();
    break;
  case "golden": {
    const [outdir, what] = rest;
    mkdirSync(outdir, { recursive: true });
    const flight = reactFlight();
    if (what === "flight") {
      for (const c of corpus.cases) writeAtomic(path.join(outdir, c.name + ".rsc"), flight[c.name]);
    } else if (what === "html") {
      const html = await htmlMode(flight);
      for (const c of corpus.cases) writeAtomic(path.join(outdir, c.name + ".html"), html[c.name]);
    } else {
      throw new Error("golden: say flight or html");
    }
    break;
  }
  case "stream":
    await streamMode(rest[0]);
    break;
  case "decode":
  case "decode-dev":
    await decodeMode(JSON.parse(readFileSync(rest[0], "utf8")), mode === "decode-dev");
    break;
  default:
    console.error("usage: writers.mjs golden|decode|flight <cases.json> …");
    process.exit(2);
}
