// Test tooling only: writes the golden file of internal/reply's
// differential test. For each case of the corpus below it records the
// body React's own encodeReply (react-server-dom-webpack/client) produces
// for the argument list, and a description of the values a decoder must
// produce, derived here from the JavaScript input values themselves (never
// from gorsc's decoder).
//
//   node tools/react/reply.mjs > internal/reply/testdata/encodereply.json
//
//   node tools/react/reply.mjs roundtrip <rows.json>
//       rows.json is {"case name": "<Flight rows, base64>"}: rows whose
//       root is {"returnValue": <the decoded arguments>}, written by gorsc.
//       For each case this encodes the case's arguments again with a
//       temporary reference set, decodes the rows with React's Flight
//       client and that set, and checks that every temporary reference in
//       the first argument part came back as the caller's very value.
//       Prints {"case name": "ok: n checked" | "error: …"}.
//
// or, from internal/reply: GORSC_UPDATE_GOLDEN=1 go test -run Differential
//
// Description format ("expect"): JSON null, booleans, finite numbers
// (except -0) and strings stand for themselves; arrays are JSON arrays;
// everything else is an object tagged by "$":
//   {"$":"object","v":{...}}        plain object (keys whose value is undefined
//                                    and "__proto__" keys are absent, as in
//                                    React's decodeReply)
//   {"$":"undefined"} {"$":"NaN"} {"$":"Infinity"} {"$":"-Infinity"} {"$":"-0"}
//   {"$":"date","v":"<toISOString>"}   {"$":"bigint","v":"<decimal>"}
//   {"$":"map","v":[[k,v],...]}     {"$":"set","v":[...]}
//   {"$":"iterator","v":[...]}      the values an iterator yields
//   {"$":"formdata","v":[[name, string | file],...]}
//   {"$":"file","name":..,"type":..,"base64":..}   a File inside a FormData
//   {"$":"blob","type":..,"base64":..}
//   {"$":"typed","type":"Uint8Array"|...,"base64":..}
//   {"$":"serverref","id":..,"bound":[...]|null}
//   {"$":"stream","kind":"R"|"r"|"X"|"x","items":[...],"return":v?}
//                                   a ReadableStream (R), byte stream (r:
//                                   encodeReply sends its bytes as one
//                                   Uint8Array), async iterable (X) or
//                                   iterator that is its own iterable (x)
//   {"$":"temp","id":".."}          a temporary reference; id is the key
//                                   React's client stored it under in the
//                                   temporary reference set, without "$"
//   {"$":"ref","to":"args[0].a"}    the same object as the one described at
//                                   that path (identity: a repeated object,
//                                   or a value that contains itself)
// A promise is described by the value it resolves to.
//
// Identity follows encodeReply: an object is remembered where its path
// can be written (every key on the way free of ':'; the root of every
// part), and met again it is a reference to that first place.
//
// Body format: "body" is the string encodeReply returned, or "form" the
// FormData entries in order: [name, string] or [name, {"file":name,
// "type":type, "base64":bytes}].
//
// Cases with "gap" are shapes gorsc's decoder deliberately does not
// support; the Go test expects a clean *reply.Error for them.

import * as React from "react";
import { readFileSync } from "node:fs";
import {
  encodeReply,
  createServerReference,
  createTemporaryReferenceSet,
  createFromReadableStream,
} from "react-server-dom-webpack/client";

const callServer = async () => {
  throw new Error("not called");
};

const serverRefs = new WeakMap(); // function -> {id, bound}
function ref(id, ...bound) {
  const fn = createServerReference(id, callServer);
  if (bound.length === 0) {
    serverRefs.set(fn, { id, bound: null });
    return fn;
  }
  const b = fn.bind(null, ...bound);
  serverRefs.set(b, { id, bound });
  return b;
}

const promised = new WeakMap(); // promise -> value
function later(v) {
  const p = new Promise((resolve) => setTimeout(() => resolve(v), 1));
  promised.set(p, v);
  return p;
}

const iterated = new WeakMap(); // iterator -> values
function iter(values) {
  const it = values[Symbol.iterator]();
  iterated.set(it, values);
  return it;
}

function formData(...entries) {
  const fd = new FormData();
  for (const [k, v, name] of entries) {
    if (name !== undefined) fd.append(k, v, name);
    else fd.append(k, v);
  }
  return fd;
}

const b64 = (buf) => Buffer.from(buf).toString("base64");
const viewBytes = (v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength);

// describe returns the expectation for v at path (in the notation of
// the Go comparison: args[0].key.value[1]…). rec says whether encodeReply
// remembers an object at this position; ctx holds the objects remembered
// (value -> path) and the temporary references (value -> id).
async function describe(v, path, rec, ctx) {
  switch (typeof v) {
    case "undefined":
      return { $: "undefined" };
    case "boolean":
    case "string":
      return v;
    case "bigint":
      return { $: "bigint", v: v.toString() };
    case "number":
      if (Number.isNaN(v)) return { $: "NaN" };
      if (v === Infinity) return { $: "Infinity" };
      if (v === -Infinity) return { $: "-Infinity" };
      if (Object.is(v, -0)) return { $: "-0" };
      return v;
    case "function":
      if (serverRefs.has(v)) {
        const { id, bound } = serverRefs.get(v);
        // bound travels as a promise: a part of its own, remembered.
        return { $: "serverref", id, bound: bound === null ? null : await describeAll(bound, path + ".bound", true, ctx) };
      }
      if (ctx.temp.has(v)) return { $: "temp", id: ctx.temp.get(v) };
      throw new Error("unexpected function in corpus");
    case "symbol":
      if (ctx.temp.has(v)) return { $: "temp", id: ctx.temp.get(v) };
      throw new Error("unexpected symbol in corpus");
  }
  if (v === null) return null;
  if (promised.has(v)) return describe(promised.get(v), path, true, ctx);
  if (iterated.has(v)) return { $: "iterator", v: await describeAll(iterated.get(v), path, true, ctx) };
  if (v instanceof Date) {
    // toJSON of an invalid Date is null.
    return Number.isNaN(v.getTime()) ? null : { $: "date", v: v.toISOString() };
  }
  if (ctx.seen.has(v)) return { $: "ref", to: ctx.seen.get(v) };
  if (ctx.temp.has(v)) return { $: "temp", id: ctx.temp.get(v) };
  if (rec) ctx.seen.set(v, path);
  if (Array.isArray(v)) return describeAll(Array.from(v), path, rec, ctx);
  if (v instanceof Map) {
    // The entries are a part of their own: remembered.
    const out = [];
    let i = 0;
    for (const [k, x] of v) {
      out.push([await describe(k, `${path}.key[${i}]`, true, ctx), await describe(x, `${path}.value[${i}]`, true, ctx)]);
      i++;
    }
    return { $: "map", v: out };
  }
  if (v instanceof Set) return { $: "set", v: await describeAll([...v], path, true, ctx) };
  if (v instanceof FormData) {
    const out = [];
    for (const [k, x] of v) {
      out.push([
        k,
        typeof x === "string"
          ? x
          : { $: "file", name: x.name, type: x.type, base64: b64(await x.arrayBuffer()) },
      ]);
    }
    return { $: "formdata", v: out };
  }
  if (v instanceof Blob) return { $: "blob", type: v.type, base64: b64(await v.arrayBuffer()) };
  if (v instanceof ArrayBuffer) return { $: "typed", type: "ArrayBuffer", base64: b64(v) };
  if (ArrayBuffer.isView(v)) return { $: "typed", type: v.constructor.name, base64: b64(viewBytes(v)) };
  if (v instanceof ReadableStream) return describeStream(v, path, ctx);
  if (typeof v[Symbol.asyncIterator] === "function") return describeAsyncIterable(v, path, ctx);
  const out = {};
  for (const k of Object.keys(v)) {
    if (k === "__proto__" || v[k] === undefined) continue;
    out[k] = await describe(v[k], path + "." + k, rec && !k.includes(":"), ctx);
  }
  return { $: "object", v: out };
}

async function describeAll(arr, path, rec, ctx) {
  const out = [];
  for (let i = 0; i < arr.length; i++) out.push(await describe(arr[i], `${path}[${i}]`, rec, ctx));
  return out;
}

// Stream items are models of their own, remembered as nothing (React's
// decoder gives them no name), so objects in them are not remembered.
async function describeStream(stream, path, ctx) {
  let bytes = true;
  try {
    stream.getReader({ mode: "byob" }).releaseLock();
  } catch {
    bytes = false;
  }
  const reader = stream.getReader();
  const items = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    items.push(value);
  }
  if (bytes) {
    // encodeReply reads a byte stream into one Blob: one Uint8Array.
    const all = Buffer.concat(items.map((u) => Buffer.from(u.buffer, u.byteOffset, u.byteLength)));
    return { $: "stream", kind: "r", items: [{ $: "typed", type: "Uint8Array", base64: b64(all) }] };
  }
  return { $: "stream", kind: "R", items: await describeItems(items, path, ctx) };
}

async function describeAsyncIterable(iterable, path, ctx) {
  const it = iterable[Symbol.asyncIterator]();
  const kind = it === iterable ? "x" : "X";
  const items = [];
  let r;
  while (!(r = await it.next()).done) items.push(r.value);
  const out = { $: "stream", kind, items: await describeItems(items, path, ctx) };
  if (r.value !== undefined) out.return = await describe(r.value, path + ".return", false, ctx);
  return out;
}

async function describeItems(items, path, ctx) {
  const out = [];
  for (let i = 0; i < items.length; i++) out.push(await describe(items[i], `${path}.items[${i}]`, false, ctx));
  return out;
}

async function body(encoded) {
  if (typeof encoded === "string") return { body: encoded };
  const form = [];
  for (const [k, v] of encoded.entries()) {
    form.push(
      typeof v === "string"
        ? [k, v]
        : [k, { file: v.name, type: v.type, base64: b64(await v.arrayBuffer()) }],
    );
  }
  return { form };
}

// ---- the corpus -------------------------------------------------------
// Each case: [name, () => args] or [name, () => args, {gap}]. args is
// built twice: once for encodeReply, once for describe.

const shared = () => {
  const o = { a: 1 };
  return [o, o, { nested: o }];
};

const cases = [
  ["strings", () => ["hello", "", "world", " spaced "]],
  // Typical action arguments.
  ["todo object", () => [{ title: "Buy milk", done: false, priority: 2, tags: ["home", "shop"] }]],
  ["todo list", () => [[{ id: 1, title: "a" }, { id: 2, title: "b" }, { id: 3, title: "c" }]]],
  ["id and patch", () => [42, { title: "renamed", done: true }]],
  ["search query", () => [{ q: "gorsc streaming", page: 1, filters: { lang: "go", stars: { min: 10 } } }]],
  ["html in strings", () => ["<script>alert(1)</script>", "a & b < c > d", "</script><!--"]],
  ["emoji keys", () => [{ "👍": 1, "é": "é", "key with spaces": true }]],
  ["negative zero in array", () => [[-0, 0, -0]]],
  ["safe integer bounds", () => [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53 + 2]],
  ["dates in array", () => [[new Date(0), new Date(86400000), new Date(Date.UTC(2026, 10, 23))]]],
  ["negative bigints", () => [-1n, -(10n ** 30n)]],
  ["set inside map", () => [new Map([["s", new Set(["a", "b"])]])]],
  ["map inside set", () => [new Set([new Map([["k", 1]])])]],
  ["array of sets", () => [[new Set([1]), new Set([2, 3])]]],
  ["object of arrays", () => [{ a: [1], b: [2, 3], c: [] }]],
  ["long array of strings", () => [Array.from({ length: 200 }, (_, i) => `item ${i}`)]],
  ["deep object path", () => [{ a: { b: { c: { d: { e: { f: "deep" } } } } } }]],
  ["booleans in object", () => [{ yes: true, no: false, maybe: null }]],
  ["formdata and id", () => [7, formData(["title", "x"], ["note", ""])]],
  ["formdata checkbox", () => [formData(["agree", "on"], ["color", "red"], ["color", "blue"])]],
  ["bound ref and data", () => [ref("todo#del", 3), { reason: "done" }]],
  ["empty strings everywhere", () => ["", [""], { "": "" }]],
  ["whitespace strings", () => [" ", "\n", "\t\t", "\r\n"]],
  ["dollar strings", () => ["$", "$$", "$x", "$1", "$@0", "$undefined", "$D2020", "$Q1", "$h1", "$K1", "$n1", "$-0", "$T"]],
  ["unicode", () => ["héllo", "日本語", "😀👍🏽", "a\u0000b", "\u2028\u2029", '"quoted" \\ back', "tab\tnewline\n"]],
  ["lone surrogate", () => ["\ud800", "x\udc00y"]],
  ["numbers", () => [0, 1, -1, 1.5, -2.25, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, 9007199254740993, 0.1]],
  ["special numbers", () => [NaN, Infinity, -Infinity, -0]],
  ["special numbers in object", () => [{ nan: NaN, inf: Infinity, ninf: -Infinity, z: -0, zero: 0 }]],
  ["booleans and null", () => [true, false, null]],
  ["undefined", () => [undefined]],
  ["undefined between", () => [1, undefined, 2]],
  ["no arguments", () => []],
  ["empty containers", () => [[], {}, [[]], [{}]]],
  ["nested arrays", () => [[1, [2, [3, [4, []]]]]]],
  ["nested objects", () => [{ a: { b: { c: "d" } }, e: [{ f: null }] }]],
  ["object with undefined property", () => [{ a: undefined, b: 1 }]],
  ["odd keys", () => [{ $x: 1, "": 2, "a:b": 3, 日本: 4, then: 5, "$": 6, "0": 7, constructor: 8 }]],
  ["__proto__ own key", () => [JSON.parse('{"__proto__":{"x":1},"y":2}')]],
  ["sparse array", () => [[1, , 3]]],
  ["repeated object", shared],
  ["repeated array", () => {
    const a = [1, 2];
    return [a, a, { a }];
  }],
  ["repeated deep", () => {
    const o = { x: [1, { y: "z" }] };
    return [{ p: o }, { q: { r: o } }, o.x, o.x[1]];
  }],
  ["repeated under odd key", () => {
    const o = { v: 1 };
    return [{ "a:b": o }, o];
  }],
  ["repeated object in map", () => {
    const o = { x: 1 };
    return [new Map([["k", o]]), o];
  }],
  ["repeated map", () => {
    const m = new Map([["k", 1]]);
    return [m, m];
  }],
  ["repeated set", () => {
    const s = new Set(["a"]);
    return [s, { s }];
  }],
  ["repeated date", () => {
    const d = new Date(1000);
    return [d, d];
  }],
  ["date epoch", () => [new Date(0)]],
  ["date milliseconds", () => [new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789))]],
  ["date before epoch", () => [new Date(-1)]],
  ["date extended years", () => [new Date(8.64e15), new Date(-8.64e15), new Date(-62198755200000), new Date(253402300800000)]],
  ["invalid date", () => [new Date(NaN)]],
  ["bigint", () => [0n, 10n, -5n, 2n ** 64n]],
  ["bigint 300 digits", () => [BigInt("9".repeat(300))]],
  ["bigint in object", () => [{ big: -(2n ** 100n) }]],
  ["map", () => [new Map([["a", 1], ["b", 2]])]],
  ["map with non-string keys", () => [new Map([[1, "one"], [true, "t"], [null, "n"], [{ k: 1 }, "obj"], [undefined, "u"]])]],
  ["map with nested values", () => [new Map([["m", new Map([["inner", [1, 2]]])], ["s", new Set([1])]])]],
  ["empty map and set", () => [new Map(), new Set()]],
  ["set", () => [new Set([1, "a", null, true])]],
  ["set of objects", () => [new Set([{ a: 1 }, [2]])]],
  ["many parts: formdata at part 13", () => [...Array.from({ length: 12 }, (_, i) => new Map([[i, i]])), formData(["t", "v"])]],
  ["many parts: 20 sets", () => Array.from({ length: 20 }, (_, i) => new Set([i]))],
  ["many parts: 17 promises", () => Array.from({ length: 17 }, (_, i) => later({ i }))],
  ["formdata", () => [formData(["title", "hi"], ["body", "text"])]],
  ["formdata repeated names", () => [formData(["tag", "a"], ["tag", "b"], ["tag", ""])]],
  ["formdata with file", () => [formData(["title", "hi"], ["file", new Blob(["hello"], { type: "text/plain" }), "a.txt"])]],
  ["formdata binary file", () => [formData(["f", new Blob([new Uint8Array([0, 255, 1, 254])]), "b.bin"])]],
  ["formdata in object", () => [{ form: formData(["x", "1"]), n: 2 }]],
  ["two formdata", () => [formData(["a", "1"]), formData(["b", "2"])]],
  ["repeated formdata", () => {
    const fd = formData(["a", "1"]);
    return [fd, fd];
  }],
  ["formdata unicode names", () => [formData(["名前", "値"], ["$weird", "$$"], ["_1_x", "y"])]],
  ["blob", () => [new Blob(["ab"])]],
  ["blob with type", () => [new Blob(["{}"], { type: "application/json" })]],
  ["uint8array", () => [new Uint8Array([1, 2, 3])]],
  ["typed arrays", () => [
    new Int8Array([-1, 2]),
    new Uint8ClampedArray([300 & 255, 7]),
    new Int16Array([-2, 3]),
    new Uint16Array([65535]),
    new Int32Array([-1]),
    new Uint32Array([4294967295]),
    new Float32Array([1.5]),
    new Float64Array([Math.PI]),
    new BigInt64Array([-1n]),
    new BigUint64Array([2n ** 63n]),
  ]],
  ["arraybuffer and dataview", () => [new Uint8Array([9, 8]).buffer, new DataView(new Uint8Array([7, 6, 5]).buffer)]],
  ["empty uint8array", () => [new Uint8Array(0)]],
  ["server reference", () => [ref("actions.ts#like")]],
  ["bound server reference", () => [ref("actions.ts#like", 5, "x")]],
  ["bound server reference with objects", () => [ref("todo#add", { x: 1 }, [1, 2], new Date(0))]],
  ["two server references", () => [ref("a#one"), ref("a#two", true)]],
  ["repeated server reference", () => {
    const r = ref("a#r", 1);
    return [r, r];
  }],
  ["server reference in object", () => [{ action: ref("a#nested"), n: 1 }]],
  ["promise", () => [later({ late: 1 })]],
  ["promise of primitive", () => [later(5), later("s"), later(null)]],
  ["promise in object", () => [{ p: later("x"), q: 1 }]],
  ["promise of map", () => [later(new Map([["k", "v"]]))]],
  ["iterator", () => [iter([1, 2])]],
  ["iterator of objects", () => [iter([{ a: 1 }, [2], "3"])]],
  ["kitchen sink", () => [
    "s",
    1,
    { date: new Date(0), big: 1n, list: [true, null, undefined], m: new Map([["k", [1]]]) },
    formData(["f", "v"]),
    ref("a#b", "bound"),
  ]],
  ["array of 1000 numbers", () => [Array.from({ length: 1000 }, (_, i) => i * 0.5)]],
  ["string of 20000 bytes", () => ["x".repeat(20000)]],
  ["30 nested arrays", () => {
    let v = ["leaf"];
    for (let i = 0; i < 29; i++) v = [v];
    return [v];
  }],
  ["30 nested objects", () => {
    let v = { leaf: true };
    for (let i = 0; i < 29; i++) v = { c: v };
    return [v];
  }],
  ["object with 200 keys", () => [Object.fromEntries(Array.from({ length: 200 }, (_, i) => ["k" + i, i]))]],
  ["todo form arguments", () => [{ title: "Buy milk", done: false, tags: ["home", "urgent"], due: new Date(Date.UTC(2026, 0, 2)) }]],

  // Values that contain themselves: encodeReply sends them with path
  // references to an enclosing object.
  ["cyclic object", () => {
    const o = { name: "loop" };
    o.self = o;
    return [o];
  }],
  ["cyclic array", () => {
    const a = [1];
    a.push(a);
    return [a];
  }],
  ["mutual cycle", () => {
    const a = { n: "a" };
    const b = { n: "b", a };
    a.b = b;
    return [a, b];
  }],
  ["cycle through a map", () => {
    const o = { n: 1 };
    o.m = new Map([["self", o]]);
    return [o];
  }],
  ["cycle through a set", () => {
    const o = { n: 1 };
    o.s = new Set([o]);
    return [o];
  }],
  ["cycle through a promise", () => {
    const o = { n: 1 };
    o.p = later(o);
    return [o];
  }],
  ["cycle to the arguments", () => {
    const args = [1];
    args.push({ all: args });
    return args;
  }],
  ["tree with parent links", () => {
    const root = { name: "root", kids: [] };
    for (const name of ["a", "b"]) root.kids.push({ name, parent: root });
    return [root];
  }],

  // Streams and async iterables: encodeReply reads them to the end before
  // the request is sent, one field per item.
  ["readable stream", () => [new ReadableStream({
    start(c) {
      c.enqueue("a");
      c.close();
    },
  })]],
  ["readable stream of values", () => [new ReadableStream({
    start(c) {
      for (const v of [1, "two", { three: [3] }, null, new Date(0), new Map([["k", 1n]])]) c.enqueue(v);
      c.close();
    },
  })]],
  ["empty readable stream", () => [new ReadableStream({ start: (c) => c.close() })]],
  ["readable stream of bytes chunks", () => [new ReadableStream({
    start(c) {
      c.enqueue(new Uint8Array([1, 2]));
      c.enqueue(new Uint8Array([255]));
      c.close();
    },
  })]],
  ["byte stream", () => [new ReadableStream({
    type: "bytes",
    start(c) {
      c.enqueue(new Uint8Array([104, 105]));
      c.enqueue(new Uint8Array([0, 255, 7]));
      c.close();
    },
  })]],
  ["empty byte stream", () => [new ReadableStream({ type: "bytes", start: (c) => c.close() })]],
  ["two streams and data", () => [
    "before",
    new ReadableStream({ start(c) { c.enqueue("s1"); c.close(); } }),
    { n: 1 },
    new ReadableStream({ start(c) { c.enqueue("s2a"); c.enqueue("s2b"); c.close(); } }),
  ]],
  ["async iterable", () => [(async function* () {
    yield 1;
  })()]],
  ["async generator with return value", () => [(async function* () {
    yield "a";
    yield { b: [1] };
    return { done: "yes" };
  })()]],
  ["async iterable object", () => [{
    async *[Symbol.asyncIterator]() {
      yield 1;
      yield 2;
    },
  }]],
  ["progress events", () => [{ id: 7, progress: (async function* () {
    for (let i = 0; i <= 100; i += 25) yield { pct: i };
  })() }]],

  // Temporary references: values encodeReply cannot serialise, kept by
  // the caller and sent as "$T" (with a temporary reference set).
  ["temporary reference", () => [new (class Opaque {})()], { temporaryReferences: true }],
  ["temporary references of every kind", () => [
    { fn: () => 1, sym: Symbol("s"), el: React.createElement("b", null, "x") },
    [new (class A {})(), 5],
  ], { temporaryReferences: true }],
  ["temporary reference next to data", () => [{ title: "t", node: new (class Node {})(), tags: ["a"] }], { temporaryReferences: true }],
  ["temporary reference in a map", () => [new Map([["k", new (class K {})()]])], { temporaryReferences: true }],

  // Shapes gorsc's decoder refuses, as React's does: they must fail
  // cleanly.
  ["temporary reference under a colon key", () => [{ "a:b": new (class Opaque {})() }], {
    gap: "a temporary reference where React's decoder cannot name it (React: Could not reference an opaque temporary reference)",
    temporaryReferences: true,
  }],
];

// No-JS form posts: the fields Fizz writes for a bound action are
// encodeReply({id, bound}) with each name prefixed "$ACTION_<n>:"
// (flight-spec §3.5); the user's fields follow.
const formCases = [
  ["form bound number", "actions.ts#like", () => [0], [["title", "milk"]]],
  ["form bound values", "todo#toggle", () => ["id-7", { done: true }, new Date(0), 3n], [["note", "x"], ["note", "y"]]],
  ["form bound nothing", "todo#clear", () => [], []],
];

// Streams are read by encodeReply: a case that holds one is made twice,
// once for encodeReply and once to be described. Other cases are
// described from the very values encodeReply sent, so that temporary
// references can be found in the set by identity.
const holdsStream = (v, seen = new Set()) => {
  if (v === null || typeof v !== "object" || seen.has(v)) return false;
  seen.add(v);
  if (v instanceof ReadableStream || typeof v[Symbol.asyncIterator] === "function") return true;
  return Object.values(v).some((x) => holdsStream(x, seen));
};

if (process.argv[2] === "roundtrip") {
  const rows = JSON.parse(readFileSync(process.argv[3], "utf8"));
  const results = {};
  for (const [name, b64] of Object.entries(rows)) {
    try {
      const entry = cases.find(([n]) => n === name);
      if (!entry) throw new Error("no such case");
      const args = entry[1]();
      const set = createTemporaryReferenceSet();
      await encodeReply(args, { temporaryReferences: set });
      const root = await createFromReadableStream(new Response(Buffer.from(b64, "base64")).body, {
        serverConsumerManifest: { moduleMap: {}, serverModuleMap: null, moduleLoading: null },
        temporaryReferences: set,
      });
      let checked = 0;
      for (const [key, value] of set) {
        const plain = value !== null && typeof value === "object" && !React.isValidElement(value) &&
          (Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype || value instanceof Map || value instanceof Set);
        if (plain || !key.startsWith("$0:")) continue; // only opaque values of the argument list itself
        let v = root.returnValue;
        for (const seg of key.slice(3).split(":")) v = v[seg];
        if (v !== value) throw new Error(`temporary reference ${key} did not come back as the caller's value (got ${String(v)})`);
        checked++;
      }
      results[name] = "ok: " + checked + " checked";
    } catch (e) {
      results[name] = "error: " + (e && e.stack ? e.stack : e);
    }
  }
  process.stdout.write(JSON.stringify(results));
  process.exit(0);
}

const out = [];
for (const [name, make, opts = {}] of cases) {
  const c = { name };
  const args = make();
  const temporaryReferences = opts.temporaryReferences ? createTemporaryReferenceSet() : undefined;
  try {
    Object.assign(c, await body(await encodeReply(args, temporaryReferences ? { temporaryReferences } : undefined)));
  } catch (e) {
    throw new Error(`case ${JSON.stringify(name)}: encodeReply: ${e.message}`);
  }
  if (opts.gap) c.gap = opts.gap;
  else {
    const temp = new Map();
    // The set maps "$0:1" to every object remembered; only the opaque
    // values are temporary references on the wire.
    for (const [k, v] of temporaryReferences ?? []) {
      const plain = v !== null && typeof v === "object" && !React.isValidElement(v) &&
        (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype || v instanceof Map || v instanceof Set);
      if (!plain) temp.set(v, k.slice(1));
    }
    const ctx = { seen: new Map(), temp };
    const described = holdsStream(args) ? make() : args;
    ctx.seen.set(described, "args"); // the root part: a path may name it ("$0")
    c.expect = await describeAll(described, "args", true, ctx);
  }
  out.push(c);
}
for (const [name, id, makeBound, userFields] of formCases) {
  const encoded = await encodeReply({ id, bound: later(makeBound()) });
  const { body: str, form } = await body(encoded);
  const fields = [["$ACTION_REF_1", ""]];
  for (const [k, v] of form ?? [["0", str]]) fields.push(["$ACTION_1:" + k, v]);
  fields.push(...userFields);
  out.push({
    name,
    decodeForm: true,
    form: fields,
    expect: { id, bound: await describeAll(makeBound(), "bound", true, { seen: new Map(), temp: new Map() }), form: userFields },
  });
}

process.stdout.write("[\n" + out.map((c) => JSON.stringify(c)).join(",\n") + "\n]\n");
