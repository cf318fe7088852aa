// What the client API's hooks read (client.ts, "gorsc/client"): the URL
// of the page React shows, the route parameters in it, and whether a
// navigation is in flight. The router (router.ts) updates the URL in the
// same transition as the page it shows, so usePathname never runs ahead
// of the tree; the pending state is an external store that flips at once.
import { createContext, useSyncExternalStore } from "react";

/** The URL of the page that React shows: its path and query. */
export type Nav = { pathname: string; search: string };

/**
 * On the server (internal/ssr), where there is no location, the engine
 * sets this global to the page's URL and page patterns before each render.
 */
type ServerLocation = { pathname: string; search: string; routes: string[] } | null;

function serverLocation(): ServerLocation {
  return (globalThis as { __gorsc_location?: ServerLocation }).__gorsc_location ?? null;
}

let current: Nav | null = null;

/**
 * The Nav of location as it is now (on the server: of the page being
 * rendered). The same object while the path and query stay the same, so
 * a context holding it re-renders nothing when only the fragment changed
 * or a page was refreshed.
 */
export function navNow(): Nav {
  const loc = typeof location === "undefined" ? (serverLocation() ?? { pathname: "/", search: "" }) : location;
  if (!current || current.pathname !== loc.pathname || current.search !== loc.search) {
    current = { pathname: loc.pathname, search: loc.search };
  }
  return current;
}

/** Provided by the root component (bootstrap.tsx) around the page. */
export const NavContext = createContext<Nav | null>(null);

/** Provided by each Link around its children: the link's id. */
export const LinkContext = createContext<string | null>(null);

// ---- Pending navigations ----

/** The navigation in flight: its number and the Link that started it. */
let pending: { id: number; source: string | null } | null = null;
const listeners = new Set<() => void>();

function emit() {
  for (const l of listeners) l();
}

/** Marks navigation id, started by the Link source (or null), as in flight. */
export function startPending(id: number, source: string | null) {
  pending = { id, source };
  emit();
}

/** Ends navigation id (shown, redirected, failed or superseded). */
export function endPending(id: number) {
  if (pending && pending.id === id) {
    pending = null;
    emit();
  }
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Whether a navigation is in flight (any source). */
export function usePending(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => pending !== null,
    () => false,
  );
}

/** Whether a navigation started by the Link with id source is in flight. */
export function usePendingFrom(source: string | null): boolean {
  return useSyncExternalStore(
    subscribe,
    () => source !== null && pending?.source === source,
    () => false,
  );
}

// ---- Route parameters ----

/** A path segment of a page pattern: a literal, or a {name} / {name...} wildcard. */
type Segment = { literal: string } | { name: string; rest: boolean };
type Pattern = { segments: Segment[]; trailingSlash: boolean };

let patterns: Pattern[] | null = null;
let serverPatterns: { list: string[]; parsed: Pattern[] } | null = null;

/**
 * The page patterns the server registered (as http.ServeMux sees them:
 * route groups removed, "{$}" after a trailing slash), which it writes
 * into the document as a JSON array in the data-gorsc-routes attribute of
 * the bootstrap script.
 */
function routes(): Pattern[] {
  if (typeof document === "undefined") {
    // On the server: the patterns come with each render (they are the
    // same for every page of an app, but a VM may serve several apps in tests).
    const list = serverLocation()?.routes ?? [];
    if (!serverPatterns || serverPatterns.list !== list) {
      serverPatterns = { list, parsed: list.map(parsePattern) };
      paramsCache.clear();
    }
    return serverPatterns.parsed;
  }
  if (patterns) return patterns;
  patterns = [];
  const el = typeof document === "undefined" ? null : document.querySelector("script[data-gorsc-routes]");
  let list: unknown = [];
  try {
    list = JSON.parse(el?.getAttribute("data-gorsc-routes") ?? "[]");
  } catch {
    console.error("gorsc: the route table in the document is not JSON; useParams returns {}");
  }
  if (Array.isArray(list)) {
    for (const p of list) if (typeof p === "string") patterns.push(parsePattern(p));
  }
  return patterns;
}

function parsePattern(p: string): Pattern {
  let trailingSlash = false;
  if (p.endsWith("/{$}")) {
    trailingSlash = true;
    p = p.slice(0, -3);
  }
  const parts = p.split("/").slice(1);
  if (trailingSlash) parts.pop(); // the "" after the final "/"
  const segments = parts.map((s): Segment => {
    const m = /^\{([A-Za-z_][A-Za-z0-9_]*)(\.\.\.)?\}$/.exec(s);
    return m ? { name: m[1], rest: !!m[2] } : { literal: s };
  });
  return { segments, trailingSlash };
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The parameters of p for the path's segments, or null when p does not match. */
function match(p: Pattern, parts: string[], endsInSlash: boolean): Record<string, string> | null {
  const params: Record<string, string> = {};
  const segs = p.segments;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if ("name" in s && s.rest) {
      params[s.name] = parts.slice(i).map(decode).join("/") + (endsInSlash && parts.length > i ? "/" : "");
      return params;
    }
    if (i >= parts.length) return null;
    const v = decode(parts[i]);
    if ("literal" in s) {
      if (s.literal !== v) return null;
    } else {
      if (v === "") return null;
      params[s.name] = v;
    }
  }
  if (parts.length !== segs.length || endsInSlash !== p.trailingSlash) return null;
  return params;
}

/** Ranks a segment: literals before wildcards, single before rest. */
function rank(s: Segment | undefined): number {
  if (!s) return 3;
  if ("literal" in s) return 0;
  return s.rest ? 2 : 1;
}

/** Whether a is more specific than b, as http.ServeMux decides. */
function moreSpecific(a: Pattern, b: Pattern): boolean {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const ra = rank(a.segments[i]);
    const rb = rank(b.segments[i]);
    if (ra !== rb) return ra < rb;
  }
  return a.trailingSlash && !b.trailingSlash;
}

const paramsCache = new Map<string, Record<string, string>>();

/**
 * The wildcard values of the page pattern that matches pathname, as the
 * server's r.PathValue gives them (unescaped; a {name...} wildcard holds
 * the rest of the path with its slashes); {} when no page matches.
 */
export function paramsOf(pathname: string): Record<string, string> {
  const hit = paramsCache.get(pathname);
  if (hit) return hit;
  let parts = pathname.split("/").slice(1);
  const endsInSlash = pathname.length > 1 && pathname.endsWith("/");
  if (endsInSlash) parts = parts.slice(0, -1);
  if (pathname === "/") parts = [];
  let best: Pattern | null = null;
  let bestParams: Record<string, string> = {};
  for (const p of routes()) {
    const m = pathname === "/" ? (p.segments.length === 0 && p.trailingSlash ? {} : null) : match(p, parts, endsInSlash);
    if (m && (!best || moreSpecific(p, best))) {
      best = p;
      bestParams = m;
    }
  }
  Object.freeze(bestParams);
  if (paramsCache.size > 100) paramsCache.clear();
  paramsCache.set(pathname, bestParams);
  return bestParams;
}
