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
  return useMemo(() => readonly(new URLSearchParams(search)), [search]);
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
