"use client";
// Search as you type: the query lives in the URL (?q=), so the server
// renders the matching books; router.replace keeps one history entry.
import { useState } from "react";
import { useNavigationPending, useRouter } from "gorsc/client";
import type { SearchProps } from "./Search.props";

export function Search({ q }: SearchProps) {
  const router = useRouter();
  const pending = useNavigationPending();
  const [value, setValue] = useState(q);
  function go(next: string) {
    setValue(next);
    const t = next.trim();
    void router.replace(t ? `/?q=${encodeURIComponent(t)}` : "/", { scroll: false });
  }
  return (
    <form className="search" role="search" action="/" onSubmit={(e) => { e.preventDefault(); go(value); }}>
      <input
        type="search"
        name="q"
        value={value}
        placeholder="Search titles and authors"
        aria-label="Search"
        onChange={(e) => go(e.target.value)}
      />
      <button type="submit" aria-busy={pending}>
        {pending ? "Searching…" : "Search"}
      </button>
    </form>
  );
}
