// The gorsc client router: server action calls and client navigation.
// Shared by bootstrap.tsx and link.tsx (esbuild puts it in a shared chunk,
// so both see one instance).
import "gorsc:shim.ts"; // first: the Flight client below needs the webpack globals
import {
  createFromFetch,
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

type ActionResult = { returnValue?: unknown; root?: ReactNode };

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

/** Called by the root component after React commits a new tree. */
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
  const body = await encodeReply(args);
  const res = await fetch(location.pathname + location.search, { method: "POST", headers, body });
  dropPrefetched(); // the action may have changed what other pages show
  if (followRedirect(res, false)) return undefined;
  const result = await createFromFetch<ActionResult>(Promise.resolve(res), { callServer });
  if (result.root !== undefined) show(result.root);
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
  | { kind: "redirect"; res: Response } // the router follows it
  | { kind: "document" }; // not a gorsc page: load it for real

/** Fetches a page's Flight payload, without side effects (prefetch-safe). */
async function fetchPage(path: string): Promise<Fetched> {
  const res = await fetch(path, { headers: { Accept: "text/x-component", [FLIGHT_HEADER]: "1" } });
  if (res.headers.get(REDIRECT_HEADER)) return { kind: "redirect", res };
  if (!(res.headers.get("Content-Type") ?? "").startsWith("text/x-component")) return { kind: "document" };
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
  const page = fetchPage(path);
  page.catch(() => prefetched.delete(path));
  prefetched.set(path, { at: Date.now(), page });
}

/** Forgets prefetched pages: after an action or a refresh they may be stale. */
function dropPrefetched() {
  prefetched.clear();
}

/** Resolves a page for a navigation: from the prefetch cache when fresh. */
async function fetchTree(path: string, usePrefetch = false): Promise<{ tree: ReactNode } | null> {
  let page: Fetched;
  const hit = usePrefetch ? prefetched.get(path) : undefined;
  if (hit && Date.now() - hit.at < PREFETCH_TTL_MS) {
    prefetched.delete(path); // used once: later visits fetch fresh data
    page = await hit.page;
  } else {
    page = await fetchPage(path);
  }
  switch (page.kind) {
    case "redirect":
      followRedirect(page.res, true);
      return null;
    case "document":
      location.assign(path);
      return null;
  }
  return { tree: page.tree };
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
    result = await fetchTree(url.pathname + url.search, true);
  } catch {
    location.assign(url.href); // the network or server failed: fall back to a real load
    return;
  }
  if (!result || id !== navigation) return; // redirected, or a newer navigation won
  const key = Math.random().toString(36).slice(2);
  if (opts.replace) history.replaceState({ gorsc: key }, "", target);
  else history.pushState({ gorsc: key }, "", target);
  show(result.tree, opts.scroll === false ? undefined : () => scrollTo(url.hash));
}

/** Fetches the current page again and shows it, keeping client state. */
export async function refresh(): Promise<void> {
  dropPrefetched();
  const id = ++navigation;
  const result = await fetchTree(location.pathname + location.search);
  if (result && id === navigation) show(result.tree);
}

/** Back/forward: show the entry's page and restore its scroll position. */
export function listenHistory() {
  history.scrollRestoration = "manual";
  entryKey();
  window.addEventListener("popstate", async () => {
    const id = ++navigation;
    const key = entryKey();
    const result = await fetchTree(location.pathname + location.search);
    if (!result || id !== navigation) return;
    const pos = scrolls.get(key);
    show(result.tree, () => (pos ? window.scrollTo(pos[0], pos[1]) : scrollTo(location.hash)));
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
