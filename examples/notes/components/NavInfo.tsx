"use client";
// The client API ("gorsc/client") in a component of the root layout, so
// that it lives across client navigations: where the router is, and
// buttons that drive it.
import {
  Link,
  useLinkStatus,
  useNavigationPending,
  useParams,
  usePathname,
  useRouter,
  useSearchParams,
} from "gorsc/client";

/** A Link's child that shows whether that Link's navigation is in flight. */
function LinkState({ label }: { label: string }) {
  const { pending } = useLinkStatus();
  return <span className="link-state">{pending ? "loading…" : label}</span>;
}

export function NavInfo() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const params = useParams();
  const pending = useNavigationPending();
  return (
    <div className="navinfo">
      <output id="nav-path">{pathname}</output>
      <output id="nav-q">{search.get("q") ?? ""}</output>
      <output id="nav-params">{JSON.stringify(params)}</output>
      <output id="nav-pending">{pending ? "pending" : "idle"}</output>
      <Link href="/notes/2" id="nav-link" prefetch="none">
        <LinkState label="Ideas" />
      </Link>
      <button type="button" id="nav-push" onClick={() => void router.push("/tags/café?q=push")}>
        push
      </button>
      <button type="button" id="nav-replace" onClick={() => void router.replace("/about")}>
        replace
      </button>
      <button type="button" id="nav-back" onClick={router.back}>
        back
      </button>
      <button type="button" id="nav-forward" onClick={router.forward}>
        forward
      </button>
      <button type="button" id="nav-refresh" onClick={() => void router.refresh()}>
        refresh
      </button>
      <button type="button" id="nav-prefetch" onClick={() => router.prefetch("/")}>
        prefetch
      </button>
    </div>
  );
}
