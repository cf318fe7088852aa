"use client";
// gorsc/client's hooks in a server-rendered component: the server renders
// it with the request's URL, and the browser hydrates the same text.
import { useParams, usePathname, useSearchParams } from "gorsc/client";

export function Where() {
  const pathname = usePathname();
  const q = useSearchParams().get("q") ?? "";
  const params = useParams();
  return (
    <p className="where">
      <span className="where-path">{pathname}</span> <span className="where-q">{q}</span>{" "}
      <span className="where-params">{JSON.stringify(params)}</span>
    </p>
  );
}
