// The gorsc client router: server action calls and client navigation.
// Shared by bootstrap.tsx and link.tsx (esbuild puts it in a shared chunk,
// so both see one instance).
import "gorsc:shim.ts"; // first: the Flight client below needs the webpack globals
import {
  createFromFetch,
  createTemporaryReferenceSet,
  encodeReply,
} from "react-server-dom-webpack/client.browser";
import { startTransition, type ReactNode } from "react";
import { endPending, navNow, startPending, type Nav } from "gorsc:nav.ts";

/** Request header of a server action call; its value is the action id. */
export const ACTION_HEADER = "Gorsc-Action";
/** Request header asking for a page's Flight payload instead of HTML. */
export const FLIGHT_HEADER = "RSC";
/** Request header saying the first argument is the sealed bound arguments. */
export const SEALED_HEADER = "Gorsc-Action-Sealed";
/** Response header telling the router to go to another URL. */
export const REDIRECT_HEADER = "Gorsc-Redirect";
/** Request header listing the segment slots mounted here (comma-separated). */
export const SEGMENTS_HEADER = "Gorsc-Segments";
/** Response header of a partial response: the slot it fills. */
export const SLOT_HEADER = "Gorsc-Slot";
/**
 * Response headers of an action's answer: the URL paths and the cache tags
 * the action revalidated (comma-separated, each percent-encoded). The
 * router drops the pages it keeps that they reach.
 */
export const REVALIDATED_PATHS_HEADER = "Gorsc-Revalidated-Paths";
export const REVALIDATED_TAGS_HEADER = "Gorsc-Revalidated-Tags";
/** The slot that holds the page's metadata (title, meta tags). */
const METADATA_SLOT = "@metadata";
/**
 * Response header of the 404 to an action call whose id the server does
 * not know: the page is older than the server (a deploy renamed the
 * action, or a restart changed the secret). The runtime reloads the page.
 */
export const ACTION_NOT_FOUND_HEADER = "Gorsc-Action-Not-Found";

/**
 * The error of a call or navigation whose answer is not Flight (a
 * proxy's or a limit's plain-text 4xx or 5xx, an HTML error page): status
 * is the HTTP status, and the message holds the answer's text (plain text
 * only, at most 500 characters). A Flight error answer (a failed action)
 * rejects with React's Error, which carries the digest of the server's log
 * entry and, set by the runtime, the status too.
 */
export class ServerError extends Error {
  status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "ServerError";
    this.status = status;
  }
}

function isFlight(res: Response): boolean {
  return (res.headers.get("Content-Type") ?? "").startsWith("text/x-component");
}

/** The ServerError of an answer that is not Flight. */
async function answerError(res: Response, what: string): Promise<ServerError> {
  let text = "";
  if ((res.headers.get("Content-Type") ?? "").startsWith("text/plain")) {
    try {
      text = (await res.text()).trim();
    } catch {
      // the body broke off: the status alone
    }
    if (text.length > 500) text = text.slice(0, 500) + "…";
  }
  const status = `${res.status}${res.statusText ? " " + res.statusText : ""}`;
  return new ServerError(res.status, `gorsc: ${what} answered ${status}${text ? ": " + text : ""}`);
}

/** Gives a Flight error of an answer that was not 2xx the answer's status. */
function withStatus(err: unknown, res: Response): unknown {
  if (!res.ok && err instanceof Error && !("status" in err)) {
    (err as Error & { status: number }).status = res.status;
  }
  return err;
}

/** sessionStorage key: the URL reloaded for version skew. */
const SKEW_KEY = "gorsc:skew-reload";
/** A document reloaded for version skew reloads again only after this long. */
const SKEW_GUARD_MS = 60_000;

/** Whether this document was loaded by a version-skew reload of its URL. */
const reloadedForSkew = (() => {
  try {
    const url = sessionStorage.getItem(SKEW_KEY);
    sessionStorage.removeItem(SKEW_KEY);
    return url === location.href;
  } catch {
    return false;
  }
})();

/**
 * Reloads the page after the server said it does not know an action, as
 * Next does; returns false, so the call fails instead, when this document
 * was itself loaded by such a reload a moment ago (the action is really
 * gone, not renamed: no reload loop) or when sessionStorage, which guards
 * against the loop, cannot be written.
 */
function reloadForSkew(): boolean {
  if (reloadedForSkew && performance.now() < SKEW_GUARD_MS) return false;
  try {
    sessionStorage.setItem(SKEW_KEY, location.href);
  } catch {
    return false;
  }
  location.reload();
  return true;
}

/**
 * Parses href for the router. Only http: and https: URLs become
 * navigations: for any other scheme (javascript:, data:, …) it logs a
 * console error and returns null.
 */
export function routable(href: string): URL | null {
  let url: URL;
  try {
    url = new URL(href, location.href);
  } catch {
    console.error(`gorsc: refused to navigate to ${href}: not a URL`);
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    console.error(`gorsc: refused to navigate to ${href}: only http: and https: URLs are followed`);
    return null;
  }
  return url;
}

/**
 * Reports whether going to url only changes the fragment of this
 * document's URL (same path and query, with a "#"): the browser scrolls
 * and records the history entry itself, with no fetch.
 */
export function isFragmentOnly(url: URL): boolean {
  return (
    url.href.includes("#") &&
    url.origin === location.origin &&
    url.pathname === location.pathname &&
    url.search === location.search
  );
}

/**
 * Reads a URL from a response header. Header values are bytes, which
 * fetch hands over as Latin-1 characters: a server that sent raw UTF-8
 * (the server should percent-encode) gets it read as UTF-8, so a redirect
 * to /tags/café lands on /tags/caf%C3%A9.
 */
function headerURL(v: string): string {
  if (!/[^\x00-\x7f]/.test(v)) return v;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(v, (c) => c.charCodeAt(0)));
  } catch {
    return v;
  }
}

type ActionResult = { returnValue?: unknown; root?: ReactNode; slot?: SlotFill };

let setTree: ((tree: ReactNode) => void) | null = null;
let setNav: ((nav: Nav) => void) | null = null;

/**
 * Called by the root component with its state setters: the tree, and the
 * URL it shows (for the client API's hooks), set in one transition.
 */
export function connect(set: (tree: ReactNode) => void, nav?: (nav: Nav) => void) {
  setTree = set;
  setNav = nav ?? null;
}

/** What runs once React commits the trees shown since the last commit. */
let afterCommit: (() => void)[] = [];

function show(tree: ReactNode, after?: () => void) {
  const set = setTree;
  if (!set) return;
  if (after) afterCommit.push(after);
  startTransition(() => {
    set(tree);
    setNav?.(navNow());
  });
}

/** The mounted Slots (segment.tsx), by id: each one's fill function. */
const slots = new Map<string, (node: ReactNode) => void>();

/** Called by a Slot when it mounts; returns its unmount cleanup. */
export function mountSlot(id: string, fill: (node: ReactNode) => void): () => void {
  slots.set(id, fill);
  return () => {
    if (slots.get(id) === fill) slots.delete(id);
  };
}

/** The ids of the mounted segment slots, for SEGMENTS_HEADER. */
function mountedSegments(): string[] {
  return [...slots.keys()].filter((id) => id !== METADATA_SLOT);
}

type SlotFill = { slot: string; metadata: ReactNode; children: ReactNode };

function canFill(p: SlotFill): boolean {
  return slots.has(p.slot) && slots.has(METADATA_SLOT);
}

/** Shows a partial response: new children for one slot, and new metadata. */
function fill(p: SlotFill, after?: () => void) {
  const slot = slots.get(p.slot);
  const meta = slots.get(METADATA_SLOT);
  if (!slot || !meta) return;
  if (after) afterCommit.push(after);
  startTransition(() => {
    meta(p.metadata);
    slot(p.children);
    setNav?.(navNow());
  });
}

/** Called by the root component (or a Slot) after React commits a new tree. */
export function committed() {
  const fs = afterCommit;
  afterCommit = [];
  for (const f of fs) f();
}

/** The redirect target an answer carries, or null. */
function redirectOf(res: Response): string | null {
  const to = res.headers.get(REDIRECT_HEADER);
  return to ? headerURL(to) : null;
}

/** Where the user is: the navigation count and the page's path. */
type Place = { navigation: number; path: string };

function here(): Place {
  return { navigation, path: location.pathname + location.search };
}

/**
 * Reports whether the user is still where p was taken: no navigation
 * started since and the URL shows the same page. An answer to a request
 * made at p is applied only then (a stale answer must not override a
 * newer navigation).
 */
function stillAt(p: Place): boolean {
  return p.navigation === navigation && p.path === location.pathname + location.search;
}

/**
 * Calls a server action: POSTs the encodeReply body to the current page.
 * The id of a bound action is "<action id>.<seal>": the seal (the bound
 * arguments, sealed by the server) goes first in the body rather than in a
 * header, so large bound values never make a long header.
 *
 * It resolves to the action's return value. It rejects with a ServerError
 * for an answer that is not Flight (a 413 for a body over the limit, a
 * proxy's 502, …) and with the Flight error of a failed action (its digest
 * names the server's log entry); React hands the rejection of a form's
 * action to the nearest error boundary. A 404 for an action the server does
 * not know reloads the page (once; the promise never settles then). The
 * page the answer renders, and a redirect, are applied only if no
 * navigation started meanwhile.
 */
export async function callServer(id: string, args: unknown[]): Promise<unknown> {
  const headers: Record<string, string> = { Accept: "text/x-component" };
  const dot = id.indexOf(".");
  if (dot >= 0) {
    headers[SEALED_HEADER] = "1";
    args = [id.slice(dot + 1), ...args];
    id = id.slice(0, dot);
  }
  headers[ACTION_HEADER] = id;
  // If the action revalidates, the server renders only below the deepest
  // layout the page shares with what is mounted.
  const mounted = mountedSegments();
  if (mounted.length > 0) headers[SEGMENTS_HEADER] = mounted.join(",");
  // Values encodeReply cannot serialise (elements, class instances,
  // functions) stay here and travel as temporary references ("$T"); an
  // answer that sends one back gets the caller's value again.
  const temporaryReferences = createTemporaryReferenceSet();
  const body = await encodeReply(args, { temporaryReferences });
  const at = here();
  const res = await fetch(at.path, { method: "POST", headers, body });
  invalidate(res); // drop the kept pages the action revalidated
  if (res.status === 404 && res.headers.get(ACTION_NOT_FOUND_HEADER) === "1" && reloadForSkew()) {
    return new Promise<never>(() => {}); // the document is going away
  }
  const to = redirectOf(res);
  if (to !== null) {
    if (stillAt(at)) void navigate(to, { replace: false });
    return undefined;
  }
  if (!isFlight(res)) throw await answerError(res, "the server action");
  let result: ActionResult;
  try {
    result = await createFromFetch<ActionResult>(Promise.resolve(res), { callServer, temporaryReferences });
  } catch (err) {
    throw withStatus(err, res);
  }
  if (!stillAt(at)) return result.returnValue; // the user went elsewhere
  if (result.slot !== undefined) {
    if (canFill(result.slot)) fill(result.slot);
    else void refresh(); // the slot went away meanwhile: fetch the whole page
  } else if (result.root !== undefined) {
    show(result.root);
  }
  return result.returnValue;
}

export type NavigateOptions = {
  /** Replace the current history entry instead of pushing one. */
  replace?: boolean;
  /** Scroll to the top (or to the #hash) after navigating; default true. */
  scroll?: boolean;
  /** The Link that started the navigation (its useLinkStatus id). */
  source?: string;
};

let navigation = 0;

/** Scroll positions of history entries, by their key. */
const scrolls = new Map<string, [number, number]>();

function entryKey(): string {
  const state = history.state as { gorsc?: string } | null;
  if (state?.gorsc) return state.gorsc;
  const key = Math.random().toString(36).slice(2);
  history.replaceState({ ...(history.state ?? {}), gorsc: key }, "");
  return key;
}

function scrollTo(hash: string) {
  if (hash) {
    const el = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (el) {
      el.scrollIntoView();
      return;
    }
  }
  window.scrollTo(0, 0);
}

type Fetched =
  | { kind: "tree"; tree: ReactNode }
  | { kind: "partial"; partial: SlotFill } // only what changed below a shared layout
  | { kind: "redirect"; to: string } // the router follows it
  | { kind: "document" }; // not a gorsc page: load it for real

/**
 * Fetches a page's Flight payload, without side effects (prefetch-safe).
 * With partial, it lists the mounted segment slots, so the server renders
 * only below the deepest layout this page shares with the target.
 */
async function fetchPage(path: string, partial: boolean): Promise<Fetched> {
  const headers: Record<string, string> = { Accept: "text/x-component", [FLIGHT_HEADER]: "1" };
  const mounted = partial ? mountedSegments() : [];
  if (mounted.length > 0) headers[SEGMENTS_HEADER] = mounted.join(",");
  const res = await fetch(path, { headers });
  const to = redirectOf(res);
  if (to !== null) return { kind: "redirect", to };
  if (!(res.headers.get("Content-Type") ?? "").startsWith("text/x-component")) return { kind: "document" };
  if (res.headers.get(SLOT_HEADER)) {
    const p = await createFromFetch<SlotFill>(Promise.resolve(res), { callServer });
    return { kind: "partial", partial: p };
  }
  const tree = await createFromFetch<ReactNode>(Promise.resolve(res), { callServer });
  return { kind: "tree", tree };
}

/** How long a prefetched page may be shown instead of fetching it again. */
const PREFETCH_TTL_MS = 30_000;
const prefetched = new Map<string, { at: number; page: Promise<Fetched> }>();

/** Fetches a page ahead of a likely navigation (a Link hovered or seen). */
export function prefetch(href: string) {
  let url: URL;
  try {
    url = new URL(href, location.href);
  } catch {
    return;
  }
  if (url.origin !== location.origin || (url.protocol !== "http:" && url.protocol !== "https:")) return;
  const path = url.pathname + url.search;
  if (path === location.pathname + location.search) return; // this page (or a fragment of it)
  const hit = prefetched.get(path);
  if (hit && Date.now() - hit.at < PREFETCH_TTL_MS) return;
  const page = fetchPage(path, true);
  page.catch(() => prefetched.delete(path));
  prefetched.set(path, { at: Date.now(), page });
}

/** Forgets prefetched pages: after a refresh they may be stale. */
function dropPrefetched() {
  prefetched.clear();
}

/** The decoded items of a comma-separated header of percent-encoded values. */
function headerList(v: string | null): string[] {
  if (!v) return [];
  const out: string[] = [];
  for (const item of v.split(",")) {
    try {
      if (item) out.push(decodeURIComponent(item));
    } catch {
      // not percent-encoding: ignore the item
    }
  }
  return out;
}

/** Whether revalidating path p reaches the page at key (path and query). */
function reaches(p: string, key: string): boolean {
  if (p === "/") return true;
  const pathname = key.split("?")[0];
  const base = p.replace(/\/+$/, "");
  return pathname === base || pathname.startsWith(base + "/");
}

/**
 * Drops the kept pages (prefetched ones) that an action's answer says it
 * revalidated: those at or below a revalidated path, and all of them when
 * it invalidated cache tags (the router cannot tell which pages read
 * them). An action that revalidated nothing leaves them (Next.js does
 * the same). Back and forward always fetch their page anew.
 */
function invalidate(res: Response) {
  const paths = headerList(res.headers.get(REVALIDATED_PATHS_HEADER));
  if (headerList(res.headers.get(REVALIDATED_TAGS_HEADER)).length > 0) {
    prefetched.clear();
    return;
  }
  if (paths.length === 0) return;
  for (const key of [...prefetched.keys()]) {
    if (paths.some((p) => reaches(p, key))) prefetched.delete(key);
  }
}

type Shown = { kind: "tree"; tree: ReactNode } | { kind: "partial"; partial: SlotFill };

/**
 * Resolves a page for navigation number id: from the prefetch cache when
 * fresh. With partial, the answer may hold only what changed below a
 * layout mounted here; without, it is the whole tree (a refresh). It
 * returns null when the answer was a redirect (followed) or not a gorsc
 * page (loaded as a document), and when navigation id is no longer the
 * latest: then it does nothing.
 */
async function fetchTree(
  path: string,
  id: number,
  opts: { usePrefetch?: boolean; partial: boolean; replace: boolean },
): Promise<Shown | null> {
  let page: Fetched;
  const hit = opts.usePrefetch ? prefetched.get(path) : undefined;
  if (hit && Date.now() - hit.at < PREFETCH_TTL_MS) {
    prefetched.delete(path); // used once: later visits fetch fresh data
    page = await hit.page;
  } else {
    page = await fetchPage(path, opts.partial);
  }
  if (page.kind === "partial" && !canFill(page.partial)) {
    // Fetched (prefetched) when other layouts were mounted: the slot it
    // fills is gone. Ask for the whole tree.
    page = await fetchPage(path, false);
  }
  if (id !== navigation) return null; // a newer navigation won
  switch (page.kind) {
    case "redirect":
      void navigate(page.to, { replace: opts.replace });
      return null;
    case "document":
      location.assign(path);
      return null;
  }
  return page;
}

function display(s: Shown, after?: () => void) {
  if (s.kind === "partial" && canFill(s.partial)) fill(s.partial, after);
  else if (s.kind === "tree") show(s.tree, after);
  else location.reload(); // the slot went away while the page streamed in
}

/**
 * Navigates to href inside the app without reloading the document. Only
 * http(s) URLs are followed (see routable); other sites are loaded as
 * documents, and a change of the fragment alone is left to the browser.
 */
export async function navigate(href: string, opts: NavigateOptions = {}): Promise<void> {
  const url = routable(href);
  if (!url) return;
  if (url.origin !== location.origin || isFragmentOnly(url) || failed) {
    // Another site; or the browser scrolls to the fragment and records
    // the history entry, with this entry's scroll kept for Back; or the
    // default error UI is showing, and a document load is the way out.
    saveScroll();
    if (opts.replace) location.replace(url.href);
    else location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  const id = ++navigation;
  startPending(id, opts.source ?? null);
  saveScroll();
  let result;
  try {
    result = await fetchTree(url.pathname + url.search, id, { usePrefetch: true, partial: true, replace: !!opts.replace });
  } catch {
    if (id === navigation) location.assign(url.href); // the network or server failed: fall back to a real load
    return;
  }
  if (!result || id !== navigation) {
    endPending(id); // redirected (a navigation of its own), or a newer navigation won
    return;
  }
  const key = Math.random().toString(36).slice(2);
  if (opts.replace) history.replaceState({ gorsc: key }, "", target);
  else history.pushState({ gorsc: key }, "", target);
  shownPath = url.pathname + url.search;
  display(result, () => {
    endPending(id);
    if (opts.scroll !== false) scrollTo(url.hash);
  });
}

/** Fetches the current page again and shows it, keeping client state. */
export async function refresh(): Promise<void> {
  dropPrefetched();
  const id = ++navigation;
  startPending(id, null);
  // The whole tree: layouts show fresh data too.
  let result;
  try {
    result = await fetchTree(location.pathname + location.search, id, { partial: false, replace: true });
  } finally {
    if (!result || id !== navigation) endPending(id);
  }
  if (result && id === navigation) display(result, () => endPending(id));
}

/** Records the scroll position of the current history entry. */
function saveScroll() {
  scrolls.set(entryKey(), [window.scrollX, window.scrollY]);
}

/**
 * The path and query of the page the router shows (or is fetching for
 * the current history entry): a popstate to an entry with the same one
 * changed only the fragment.
 */
let shownPath = "";

/** Set once the default error UI replaced the app: navigations load documents. */
let failed = false;

/** Called by the root error boundary when it shows the default error UI. */
export function rootFailed() {
  failed = true;
}

/** Back/forward: show the entry's page and restore its scroll position. */
export function listenHistory() {
  history.scrollRestoration = "manual";
  entryKey();
  shownPath = location.pathname + location.search;
  window.addEventListener("popstate", async () => {
    const key = entryKey();
    const pos = scrolls.get(key);
    const path = location.pathname + location.search;
    const restore = () => (pos ? window.scrollTo(pos[0], pos[1]) : scrollTo(location.hash));
    if (path === shownPath) {
      restore(); // the same page: only the fragment changed
      return;
    }
    shownPath = path;
    if (failed) {
      location.reload();
      return;
    }
    const id = ++navigation;
    startPending(id, null);
    let result;
    try {
      result = await fetchTree(path, id, { partial: true, replace: true });
    } catch {
      if (id === navigation) location.reload(); // the network or server failed: load the entry's URL
      return;
    }
    if (!result || id !== navigation) {
      endPending(id);
      return;
    }
    display(result, () => {
      endPending(id);
      restore();
    });
  });
  // Scroll positions are recorded as the user scrolls, so that the entry
  // left by a fragment navigation, which the browser makes without the
  // router, has its position for Back; clicks record it too, before the
  // browser acts on a link.
  window.addEventListener("scroll", saveScroll, { passive: true });
  document.addEventListener("click", saveScroll, { capture: true });
  window.addEventListener("pagehide", saveScroll);
}

/** The router API for client components. */
export const router = {
  push: (href: string, opts?: Omit<NavigateOptions, "replace">) => navigate(href, { ...opts, replace: false }),
  replace: (href: string, opts?: Omit<NavigateOptions, "replace">) => navigate(href, { ...opts, replace: true }),
  refresh,
  back: () => history.back(),
  forward: () => history.forward(),
};
