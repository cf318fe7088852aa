// The host glue of gorsc's embedded JavaScript engine (internal/ssr): the
// few web APIs that react-dom/server.edge and
// react-server-dom-webpack/client.edge use, written over functions the Go
// side provides. It is evaluated in every VM before the server bundle. It
// adds no file system, network or DOM API: window and document stay
// undefined, as on any server.
//
// Go functions (registered before this script runs, removed from the
// global object below):
//   __gorsc_encode(string) ArrayBuffer         UTF-8 bytes of a string
//   __gorsc_decode(ArrayBuffer, off, n) string UTF-8 bytes to a string (U+FFFD for errors)
//   __gorsc_valid(ArrayBuffer, off, n) bool    whether the bytes are valid UTF-8
//   __gorsc_write(ArrayBuffer, off, n)         appends HTML bytes to the render's output
//   __gorsc_log(level, message)                console, to the engine's slog.Logger
//   __gorsc_error(kind, name, message, stack, componentStack) string
//                                              records a render error, returns its digest
(function (g) {
  "use strict";
  const native = {
    encode: g.__gorsc_encode,
    decode: g.__gorsc_decode,
    valid: g.__gorsc_valid,
    write: g.__gorsc_write,
    log: g.__gorsc_log,
    error: g.__gorsc_error,
  };
  for (const k of ["encode", "decode", "valid", "write", "log", "error"]) delete g["__gorsc_" + k];

  // ---- console -----------------------------------------------------------
  function show(v, depth) {
    if (typeof v === "string") return v;
    if (v instanceof Error) return v.stack ? v.name + ": " + v.message + "\n" + v.stack : String(v);
    if (typeof v === "function") return "[Function " + (v.name || "anonymous") + "]";
    if (typeof v === "symbol" || typeof v === "bigint") return String(v);
    if (v === null || typeof v !== "object") return String(v);
    if (depth > 2) return Array.isArray(v) ? "[Array]" : "[Object]";
    try {
      if (Array.isArray(v)) return "[" + v.map((x) => show(x, depth + 1)).join(", ") + "]";
      const parts = [];
      for (const k of Object.keys(v).slice(0, 20)) parts.push(k + ": " + show(v[k], depth + 1));
      return "{" + parts.join(", ") + "}";
    } catch (e) {
      return "[object]";
    }
  }
  // printf-style substitution, as browsers' console does (React's
  // development warnings use %s).
  function format(args) {
    let out = "";
    let i = 0;
    if (typeof args[0] === "string") {
      const f = args[0];
      i = 1;
      for (let j = 0; j < f.length; j++) {
        const c = f[j];
        if (c === "%" && j + 1 < f.length) {
          const d = f[j + 1];
          if (d === "%") {
            out += "%";
            j++;
            continue;
          }
          if ("sdifoOc".includes(d)) {
            j++;
            if (d === "c") {
              i++;
              continue;
            }
            if (i >= args.length) {
              out += "%" + d;
              continue;
            }
            const a = args[i++];
            out += d === "d" || d === "i" ? String(parseInt(a, 10)) : d === "f" ? String(parseFloat(a)) : show(a, 0);
            continue;
          }
        }
        out += c;
      }
    }
    for (; i < args.length; i++) out += (out === "" ? "" : " ") + show(args[i], 0);
    return out;
  }
  const level = { debug: -4, log: 0, info: 0, warn: 4, error: 8 };
  const console = {};
  for (const name of Object.keys(level)) {
    console[name] = function () {
      native.log(level[name], format(Array.prototype.slice.call(arguments)));
    };
  }
  console.trace = console.debug;
  console.assert = function (cond) {
    if (!cond) native.log(8, "Assertion failed: " + format(Array.prototype.slice.call(arguments, 1)));
  };
  for (const name of ["group", "groupCollapsed", "groupEnd", "time", "timeEnd", "table", "dir", "count"]) {
    console[name] = function () {};
  }
  g.console = console;

  // ---- TextEncoder / TextDecoder ------------------------------------------
  function toBytes(input) {
    if (input === undefined || input === null) return new Uint8Array(0);
    if (input instanceof Uint8Array) return input;
    if (input instanceof ArrayBuffer) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw new TypeError("The provided value is not of type '(ArrayBuffer or ArrayBufferView)'");
  }
  // React encodes the same short strings (attribute names and values,
  // class names) over and over, and never changes a chunk it got: the
  // engine keeps the bytes of short strings, as each call into Go costs
  // a few microseconds.
  const encoded = new Map();
  const maxEncoded = 2048;
  class TextEncoder {
    get encoding() {
      return "utf-8";
    }
    encode(input) {
      const s = input === undefined ? "" : String(input);
      if (s.length > 64) return new Uint8Array(native.encode(s));
      let b = encoded.get(s);
      if (b === undefined) {
        b = new Uint8Array(native.encode(s));
        if (encoded.size >= maxEncoded) encoded.clear();
        encoded.set(s, b);
      }
      return b;
    }
    encodeInto(input, dest) {
      const s = String(input);
      let read = 0;
      let written = 0;
      for (const ch of s) {
        const b = this.encode(ch);
        if (written + b.length > dest.length) break;
        dest.set(b, written);
        written += b.length;
        read += ch.length;
      }
      return { read, written };
    }
  }
  // incompleteTail returns how many bytes at the end of b start a UTF-8
  // sequence that the next chunk completes.
  function incompleteTail(b) {
    const n = b.length;
    for (let k = 1; k <= 3 && k <= n; k++) {
      const c = b[n - k];
      if ((c & 0xc0) !== 0x80) {
        const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        return need > k ? k : 0;
      }
    }
    return 0;
  }
  class TextDecoder {
    constructor(label, options) {
      const l = label === undefined ? "utf-8" : String(label).trim().toLowerCase();
      if (l !== "utf-8" && l !== "utf8" && l !== "unicode-1-1-utf-8") {
        throw new RangeError("gorsc: TextDecoder supports utf-8 only, not " + label);
      }
      this.fatal = !!(options && options.fatal);
      this.ignoreBOM = !!(options && options.ignoreBOM);
      this._pending = null;
      this._started = false;
    }
    get encoding() {
      return "utf-8";
    }
    decode(input, options) {
      const stream = !!(options && options.stream);
      let b = toBytes(input);
      if (this._pending) {
        const joined = new Uint8Array(this._pending.length + b.length);
        joined.set(this._pending, 0);
        joined.set(b, this._pending.length);
        b = joined;
        this._pending = null;
      }
      let end = b.length;
      if (stream) {
        const tail = incompleteTail(b);
        if (tail) this._pending = b.slice(end - tail);
        end -= tail;
      }
      let start = 0;
      if (!this._started && !this.ignoreBOM) {
        if (end >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) start = 3;
        if (end >= 3 || !stream) this._started = true;
      } else if (end > 0) {
        this._started = true;
      }
      if (!stream) this._started = false;
      if (end <= start) return "";
      if (this.fatal && !native.valid(b.buffer, b.byteOffset + start, end - start)) {
        throw new TypeError("The encoded data was not valid for encoding utf-8");
      }
      return native.decode(b.buffer, b.byteOffset + start, end - start);
    }
  }
  g.TextEncoder = TextEncoder;
  g.TextDecoder = TextDecoder;

  // ---- timers: a macrotask queue the Go side drives ------------------------
  // Delays are honoured against Date.now(); the Go loop sleeps until the
  // next one is due (within the render budget).
  let nextTimer = 1;
  const timers = new Map();
  function addTimer(fn, ms, args, repeat) {
    if (typeof fn !== "function") throw new TypeError("gorsc: setTimeout needs a function (strings are not evaluated)");
    const id = nextTimer++;
    const delay = ms > 0 ? +ms : 0;
    timers.set(id, { fn, args, due: Date.now() + delay, repeat: repeat ? Math.max(delay, 1) : 0 });
    return id;
  }
  g.setTimeout = (fn, ms, ...args) => addTimer(fn, ms, args, false);
  g.setInterval = (fn, ms, ...args) => addTimer(fn, ms, args, true);
  g.clearTimeout = g.clearInterval = (id) => {
    timers.delete(id);
  };
  g.queueMicrotask = (fn) => {
    Promise.resolve().then(() => {
      try {
        fn();
      } catch (e) {
        console.error("gorsc: uncaught error in a microtask:", e);
      }
    });
  };
  const t0 = Date.now();
  g.performance = { now: () => Date.now() - t0, timeOrigin: t0, mark() {}, measure() {} };

  // __gorsc_timer runs the earliest due timer. It returns 0 when it ran one,
  // else the milliseconds until the next one, or -1 when there is none.
  g.__gorsc_timer = function () {
    let first = null;
    let firstID = 0;
    for (const [id, t] of timers) {
      if (first === null || t.due < first.due) {
        first = t;
        firstID = id;
      }
    }
    if (first === null) return -1;
    const now = Date.now();
    if (first.due > now) return first.due - now;
    if (first.repeat) first.due = now + first.repeat;
    else timers.delete(firstID);
    try {
      first.fn.apply(undefined, first.args);
    } catch (e) {
      console.error("gorsc: uncaught error in a timer:", e);
    }
    return 0;
  };
  g.__gorsc_clearTimers = () => timers.clear();

  // ---- AbortController ----------------------------------------------------
  class AbortSignal {
    constructor() {
      this.aborted = false;
      this.reason = undefined;
      this.onabort = null;
      this._listeners = [];
    }
    addEventListener(type, fn, opts) {
      if (type !== "abort" || typeof fn !== "function") return;
      const once = !!(opts && typeof opts === "object" && opts.once);
      const signal = opts && typeof opts === "object" ? opts.signal : undefined;
      if (signal) {
        if (signal.aborted) return;
        signal.addEventListener("abort", () => this.removeEventListener("abort", fn), { once: true });
      }
      this._listeners.push({ fn, once });
    }
    removeEventListener(type, fn) {
      if (type === "abort") this._listeners = this._listeners.filter((l) => l.fn !== fn);
    }
    throwIfAborted() {
      if (this.aborted) throw this.reason;
    }
    _abort(reason) {
      if (this.aborted) return;
      this.aborted = true;
      if (reason === undefined) {
        reason = new Error("This operation was aborted");
        reason.name = "AbortError";
      }
      this.reason = reason;
      const event = { type: "abort", target: this };
      if (typeof this.onabort === "function") this.onabort(event);
      const ls = this._listeners;
      this._listeners = [];
      for (const l of ls) l.fn.call(this, event);
    }
    static abort(reason) {
      const s = new AbortSignal();
      s._abort(reason);
      return s;
    }
  }
  class AbortController {
    constructor() {
      this.signal = new AbortSignal();
    }
    abort(reason) {
      this.signal._abort(reason);
    }
  }
  g.AbortSignal = AbortSignal;
  g.AbortController = AbortController;

  // ---- ReadableStream (the subset React's edge builds use) ---------------
  class ReadableStream {
    constructor(source, strategy) {
      this._source = source || {};
      this._queue = [];
      this._waiters = [];
      this._closed = false;
      this._errored = false;
      this._error = undefined;
      this._pulling = false;
      this._locked = false;
      const s = this;
      this._controller = {
        enqueue(chunk) {
          if (s._closed || s._errored) throw new TypeError("gorsc: enqueue on a closed stream");
          if (s._waiters.length) s._waiters.shift().resolve({ value: chunk, done: false });
          else s._queue.push(chunk);
        },
        close() {
          s._closed = true;
          if (s._queue.length === 0) s._flushWaiters();
        },
        error(e) {
          s._errored = true;
          s._error = e;
          s._queue.length = 0;
          const ws = s._waiters;
          s._waiters = [];
          for (const w of ws) w.reject(e);
        },
        get desiredSize() {
          return s._closed ? 0 : 1;
        },
        byobRequest: null,
      };
      if (typeof this._source.start === "function") {
        try {
          this._source.start(this._controller);
        } catch (e) {
          this._controller.error(e);
        }
      }
    }
    get locked() {
      return this._locked;
    }
    _flushWaiters() {
      const ws = this._waiters;
      this._waiters = [];
      for (const w of ws) w.resolve({ value: undefined, done: true });
    }
    _read() {
      if (this._queue.length) {
        const value = this._queue.shift();
        if (this._closed && this._queue.length === 0) this._flushWaiters();
        return Promise.resolve({ value, done: false });
      }
      if (this._errored) return Promise.reject(this._error);
      if (this._closed) return Promise.resolve({ value: undefined, done: true });
      const p = new Promise((resolve, reject) => this._waiters.push({ resolve, reject }));
      if (!this._pulling && typeof this._source.pull === "function") {
        this._pulling = true;
        try {
          this._source.pull(this._controller);
        } catch (e) {
          this._controller.error(e);
        } finally {
          this._pulling = false;
        }
      }
      return p;
    }
    cancel(reason) {
      this._closed = true;
      this._queue.length = 0;
      this._flushWaiters();
      if (typeof this._source.cancel === "function") {
        try {
          this._source.cancel(reason);
        } catch (e) {}
      }
      return Promise.resolve();
    }
    getReader() {
      if (this._locked) throw new TypeError("gorsc: the stream is locked to a reader");
      this._locked = true;
      const s = this;
      return {
        read: () => s._read(),
        releaseLock() {
          s._locked = false;
        },
        cancel: (reason) => s.cancel(reason),
      };
    }
  }
  g.ReadableStream = ReadableStream;

  // ---- FormData (for the hidden fields of bound server actions) ----------
  class FormData {
    constructor() {
      this._entries = [];
    }
    append(name, value) {
      this._entries.push([String(name), typeof value === "string" ? value : String(value)]);
    }
    set(name, value) {
      this.delete(name);
      this.append(name, value);
    }
    get(name) {
      const e = this._entries.find((x) => x[0] === String(name));
      return e ? e[1] : null;
    }
    getAll(name) {
      return this._entries.filter((x) => x[0] === String(name)).map((x) => x[1]);
    }
    has(name) {
      return this._entries.some((x) => x[0] === String(name));
    }
    delete(name) {
      this._entries = this._entries.filter((x) => x[0] !== String(name));
    }
    forEach(fn, thisArg) {
      for (const [k, v] of this._entries.slice()) fn.call(thisArg, v, k, this);
    }
    entries() {
      return this._entries.slice()[Symbol.iterator]();
    }
    keys() {
      return this._entries.map((x) => x[0])[Symbol.iterator]();
    }
    values() {
      return this._entries.map((x) => x[1])[Symbol.iterator]();
    }
    [Symbol.iterator]() {
      return this.entries();
    }
  }
  g.FormData = FormData;

  g.__gorsc_host = { native };
})(globalThis);
