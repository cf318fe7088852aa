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
/** The slot that holds the page's metadata (title, meta tags). */
const METADATA_SLOT = "@metadata";

type ActionResult = { returnValue?: unknown; root?: ReactNode; slot?: SlotFill };

let setTree: ((tree: ReactNode) => void) | null = null;

/** Called by the root component with its state setter. */
export function connect(set: (tree: ReactNode) => void) {
  setTree = set;
}

let afterCommit: (() => void) | null = null;

function show(tree: ReactNode, after?: () => void) {
  const set = setTree;
  if (!set) return;
  afterCommit = after ?? null;
  startTransition(() => {
    set(tree);
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
  afterCommit = after ?? null;
  startTransition(() => {
    meta(p.metadata);
    slot(p.children);
  });
}

/** Called by the root component (or a Slot) after React commits a new tree. */
export function committed() {
  const f = afterCommit;
  afterCommit = null;
  f?.();
}

/** Follows a redirect header; returns true if there was one. */
function followRedirect(res: Response, replace: boolean): boolean {
  const to = res.headers.get(REDIRECT_HEADER);
  if (!to) return false;
  const url = new URL(to, location.href);
  if (url.origin !== location.origin) {
    location.assign(url.href);
  } else {
    void navigate(url.pathname + url.search + url.hash, { replace });
  }
  return true;
}

/**
 * Calls a server action: POSTs the encodeReply body to the current page.
 * The id of a bound action is "<action id>.<seal>": the seal (the bound
 * arguments, sealed by the server) goes first in the body rather than in a
 * header, so large bound values never make a long header.
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
  const res = await fetch(location.pathname + location.search, { method: "POST", headers, body });
  dropPrefetched(); // the action may have changed what other pages show
  if (followRedirect(res, false)) return undefined;
  const result = await createFromFetch<ActionResult>(Promise.resolve(res), { callServer, temporaryReferences });
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
  | { kind: "redirect"; res: Response } // the router follows it
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
  if (res.headers.get(REDIRECT_HEADER)) return { kind: "redirect", res };
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
  const url = new URL(href, location.href);
  if (url.origin !== location.origin) return;
  const path = url.pathname + url.search;
  const hit = prefetched.get(path);
  if (hit && Date.now() - hit.at < PREFETCH_TTL_MS) return;
  const page = fetchPage(path, true);
  page.catch(() => prefetched.delete(path));
  prefetched.set(path, { at: Date.now(), page });
}

/** Forgets prefetched pages: after an action or a refresh they may be stale. */
function dropPrefetched() {
  prefetched.clear();
}

type Shown = { kind: "tree"; tree: ReactNode } | { kind: "partial"; partial: SlotFill };

/**
 * Resolves a page for a navigation: from the prefetch cache when fresh.
 * With partial, the answer may hold only what changed below a layout
 * mounted here; without, it is the whole tree (a refresh).
 */
async function fetchTree(path: string, opts: { usePrefetch?: boolean; partial: boolean }): Promise<Shown | null> {
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
  switch (page.kind) {
    case "redirect":
      followRedirect(page.res, true);
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

/** Navigates to href inside the app without reloading the document. */
export async function navigate(href: string, opts: NavigateOptions = {}): Promise<void> {
  const url = new URL(href, location.href);
  if (url.origin !== location.origin) {
    location.assign(url.href);
    return;
  }
  const target = url.pathname + url.search + url.hash;
  const id = ++navigation;
  scrolls.set(entryKey(), [window.scrollX, window.scrollY]);
  let result;
  try {
    result = await fetchTree(url.pathname + url.search, { usePrefetch: true, partial: true });
  } catch {
    location.assign(url.href); // the network or server failed: fall back to a real load
    return;
  }
  if (!result || id !== navigation) return; // redirected, or a newer navigation won
  const key = Math.random().toString(36).slice(2);
  if (opts.replace) history.replaceState({ gorsc: key }, "", target);
  else history.pushState({ gorsc: key }, "", target);
  display(result, opts.scroll === false ? undefined : () => scrollTo(url.hash));
}

/** Fetches the current page again and shows it, keeping client state. */
export async function refresh(): Promise<void> {
  dropPrefetched();
  const id = ++navigation;
  // The whole tree: layouts show fresh data too.
  const result = await fetchTree(location.pathname + location.search, { partial: false });
  if (result && id === navigation) display(result);
}

/** Back/forward: show the entry's page and restore its scroll position. */
export function listenHistory() {
  history.scrollRestoration = "manual";
  entryKey();
  window.addEventListener("popstate", async () => {
    const id = ++navigation;
    const key = entryKey();
    const result = await fetchTree(location.pathname + location.search, { partial: true });
    if (!result || id !== navigation) return;
    const pos = scrolls.get(key);
    display(result, () => (pos ? window.scrollTo(pos[0], pos[1]) : scrollTo(location.hash)));
  });
  window.addEventListener("pagehide", () => {
    scrolls.set(entryKey(), [window.scrollX, window.scrollY]);
  });
}

/** The router API for client components. */
export const router = {
  push: (href: string, opts?: Omit<NavigateOptions, "replace">) => navigate(href, { ...opts, replace: false }),
  replace: (href: string, opts?: Omit<NavigateOptions, "replace">) => navigate(href, { ...opts, replace: true }),
  refresh,
  back: () => history.back(),
  forward: () => history.forward(),
};
