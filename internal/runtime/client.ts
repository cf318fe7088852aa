// "gorsc/client": the client API for the app's "use client" modules. The
// bundler resolves the import to this module (one instance, shared with
// the runtime); its types are client.d.ts, which gorsc writes into the app
// as gorsc-env.d.ts.
import { useContext, useMemo } from "react";
import { navigate, prefetch, refresh, type NavigateOptions } from "gorsc:router.ts";
import { LinkContext, NavContext, navNow, paramsOf, usePending, usePendingFrom } from "gorsc:nav.ts";

export { Link } from "gorsc:link.tsx";
export { ServerError } from "gorsc:router.ts";

type Options = Omit<NavigateOptions, "replace">;

/** The router; one object for the whole app. */
const router = Object.freeze({
  push: (href: string, opts?: Options) => navigate(href, { ...opts, replace: false }),
  replace: (href: string, opts?: Options) => navigate(href, { ...opts, replace: true }),
  refresh: () => refresh(),
  back: () => history.back(),
  forward: () => history.forward(),
  prefetch: (href: string) => prefetch(href),
});

export function useRouter() {
  return router;
}

function useNav() {
  return useContext(NavContext) ?? navNow();
}

export function usePathname(): string {
  return useNav().pathname;
}

/** URLSearchParams without the methods that change it. */
type ReadonlySearchParams = Omit<URLSearchParams, "append" | "delete" | "set" | "sort">;

export function useSearchParams(): ReadonlySearchParams {
  const { search } = useNav();
  return useMemo(() => readonly(searchParams(search)), [search]);
}

export function useParams<T extends Record<string, string> = Record<string, string>>(): Readonly<T> {
  return paramsOf(useNav().pathname) as T;
}

export function useNavigationPending(): boolean {
  return usePending();
}

export function useLinkStatus(): { pending: boolean } {
  return { pending: usePendingFrom(useContext(LinkContext)) };
}

/**
 * The URLSearchParams of search; on the server, whose engine has no
 * URLSearchParams, one made of the same entries (form-urlencoded, as the
 * browser parses a query).
 */
function searchParams(search: string): URLSearchParams {
  if (typeof URLSearchParams !== "undefined") return new URLSearchParams(search);
  const entries: [string, string][] = [];
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, " "));
    } catch {
      return s;
    }
  };
  for (const part of search.replace(/^\?/, "").split("&")) {
    if (part === "") continue;
    const i = part.indexOf("=");
    entries.push(i < 0 ? [decode(part), ""] : [decode(part.slice(0, i)), decode(part.slice(i + 1))]);
  }
  const params = {
    get: (k: string) => entries.find((e) => e[0] === k)?.[1] ?? null,
    getAll: (k: string) => entries.filter((e) => e[0] === k).map((e) => e[1]),
    has: (k: string, v?: string) => entries.some((e) => e[0] === k && (v === undefined || e[1] === v)),
    forEach: (fn: (value: string, key: string, parent: URLSearchParams) => void) => {
      for (const [k, v] of entries) fn(v, k, params as unknown as URLSearchParams);
    },
    keys: () => entries.map((e) => e[0])[Symbol.iterator](),
    values: () => entries.map((e) => e[1])[Symbol.iterator](),
    entries: () => entries.map((e) => [e[0], e[1]] as [string, string])[Symbol.iterator](),
    [Symbol.iterator]: () => entries.map((e) => [e[0], e[1]] as [string, string])[Symbol.iterator](),
    get size() {
      return entries.length;
    },
    toString: () => entries.map(([k, v]) => encodeURIComponent(k) + "=" + encodeURIComponent(v)).join("&"),
  };
  return params as unknown as URLSearchParams;
}

/** params, with the methods that change it throwing, as Next's ReadonlyURLSearchParams. */
function readonly(params: URLSearchParams): URLSearchParams {
  for (const m of ["append", "delete", "set", "sort"] as const) {
    Object.defineProperty(params, m, {
      value: () => {
        throw new Error(`gorsc: useSearchParams() is read-only; copy it (new URLSearchParams(params)) to ${m}`);
      },
    });
  }
  return params;
}
