// Rows rebuilt from the DOM (internal/domrows on the server): a document
// does not carry the Flight rows of its largest server-only subtrees,
// which its HTML holds already. For each, it pushes a template, the row's
// text with the strings and numbers that the DOM holds left out, and the
// hash of the whole row. Here the runtime finds the element, fills the
// template with its attribute values and texts in document order, checks
// the hash, and gives React the row, byte for byte what the server would
// have sent. When nothing in the DOM matches (a browser extension changed
// it, the HTML parser moved something), the row is read from the page's
// Flight payload, fetched once.
import { FLIGHT_HEADER } from "gorsc:router.ts";

/**
 * A row to rebuild: its template (d) and the CRC-32 (h) of what fills its
 * holes, each as the row writes it and followed by a NUL, in UTF-8.
 */
export type DOMRow = { d: string; h: number };

/** Where a string from the DOM goes, as JSON with Flight's "$" escape. */
const HOLE_STRING = "\x01";
/** Where an integer from the DOM goes, as its text. */
const HOLE_NUMBER = "\x02";

const utf8 = new TextEncoder();

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE 802.3), as Go's hash/crc32.ChecksumIEEE. */
function crc32(s: string): number {
  if (crcTable === undefined) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const b = utf8.encode(s);
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = crcTable[(c ^ b[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Appends the strings of el that the template's holes take, in document
 * order: each element's attribute values, then its children's (texts as
 * they are; comments, React's text separators, hold none). It stops
 * (false) past max.
 */
function domStrings(el: Element, out: string[], max: number): boolean {
  const attrs = el.attributes;
  for (let i = 0; i < attrs.length; i++) out.push(attrs[i].value);
  for (let n = el.firstChild; n !== null; n = n.nextSibling) {
    if (out.length > max) return false;
    if (n.nodeType === Node.TEXT_NODE) out.push((n as Text).data);
    else if (n.nodeType === Node.ELEMENT_NODE && !domStrings(n as Element, out, max)) return false;
  }
  return out.length <= max;
}

/** A template cut at its holes: parts[i], hole i, parts[i+1], ... */
type Cut = { parts: string[]; holes: string[] };

function cut(template: string): Cut {
  return { parts: template.split(/[\x01\x02]/), holes: template.match(/[\x01\x02]/g) ?? [] };
}

/** The row with values in its holes, and the hash of what filled them. */
function fill({ parts, holes }: Cut, values: string[]): { text: string; hash: number } {
  let text = parts[0];
  let filled = "";
  for (let i = 0; i < holes.length; i++) {
    const v = values[i];
    const t = holes[i] === HOLE_NUMBER ? v : JSON.stringify(v.startsWith("$") ? "$" + v : v);
    text += t + parts[i + 1];
    filled += t + "\0";
  }
  return { text, hash: crc32(filled) };
}

/** Per tag, where the last match was: rows come in document order. */
const cursors = new Map<string, number>();

/** The row rebuilt from the DOM, or null when no element matches its hash. */
function fromDOM(row: DOMRow, c: Cut): string | null {
  const tag = /^[0-9a-f]+:\["\$","([a-z0-9]+)"/.exec(row.d)?.[1];
  if (tag === undefined) return null;
  const all = document.getElementsByTagName(tag);
  const start = cursors.get(tag) ?? 0;
  for (let k = 0; k < all.length; k++) {
    const i = (start + k) % all.length;
    const values: string[] = [];
    if (!domStrings(all[i], values, c.holes.length) || values.length !== c.holes.length) continue;
    if (c.holes.some((h, j) => h === HOLE_NUMBER && !/^-?[0-9]+$/.test(values[j]))) continue;
    const { text, hash } = fill(c, values);
    if (hash === row.h) {
      cursors.set(tag, i + 1);
      return text;
    }
  }
  return null;
}

let payload: Promise<string> | undefined;

/** The page's whole Flight payload, as a client navigation fetches it; once. */
function pagePayload(): Promise<string> {
  return (payload ||= fetch(location.href, {
    headers: { Accept: "text/x-component", [FLIGHT_HEADER]: "1" },
    credentials: "same-origin",
  }).then((res) => {
    if (!res.ok) throw new Error(`status ${res.status}`);
    return res.text();
  }));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The element's JSON as the page's payload writes it (inline), or null. */
function fromPayload(body: string, c: Cut): string | null {
  const head = /^[0-9a-f]+:/.exec(c.parts[0])?.[0] ?? "";
  let pattern = escapeRegExp(c.parts[0].slice(head.length));
  for (let i = 0; i < c.holes.length; i++) {
    pattern += c.holes[i] === HOLE_NUMBER ? "-?[0-9]+" : '"(?:[^"\\\\]|\\\\.)*"';
    const last = i === c.holes.length - 1;
    pattern += escapeRegExp(last ? c.parts[i + 1].replace(/\n$/, "") : c.parts[i + 1]);
  }
  if (c.holes.length === 0) pattern = escapeRegExp(c.parts[0].slice(head.length).replace(/\n$/, ""));
  const m = new RegExp(pattern).exec(body);
  return m === null ? null : head + m[0] + "\n";
}

/**
 * Returns the row of a DOMRow: from the DOM when it matches (at once),
 * else from the page's Flight payload, else a Flight error row, which the
 * nearest error boundary shows (the page changed in between).
 */
export function rebuild(row: DOMRow): string | Promise<string> {
  const c = cut(row.d);
  const text = fromDOM(row, c);
  if (text !== null) return text;
  const id = /^[0-9a-f]+/.exec(row.d)?.[0] ?? "0";
  console.warn(`gorsc: row ${id} did not match the page's HTML (changed before the page loaded?); reading it from the server`);
  return pagePayload().then(
    (body) => fromPayload(body, c) ?? errorRow(id, "the page changed while it loaded"),
    (error: unknown) => errorRow(id, `the page's rows could not be fetched: ${String(error)}`),
  );
}

function errorRow(id: string, message: string): string {
  console.error(`gorsc: row ${id}: ${message}; reload the page`);
  return `${id}:E${JSON.stringify({ digest: "", message: `gorsc: ${message}` })}\n`;
}
