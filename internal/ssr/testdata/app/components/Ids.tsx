"use client";
// useId probes for the tree-context tests: each renders its ids as data
// attributes, so the ids React computes can be compared.
import { useEffect, useId, useRef, type ReactNode } from "react";

/** After hydration, writes the id the browser computed beside the server's. */
function useClientID<T extends HTMLElement>(id: string) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (ref.current) ref.current.dataset.clientId = id;
  }, [id]);
  return ref;
}

/** One useId call. */
export function Probe({ label, children }: { label: string; children?: ReactNode }) {
  const id = useId();
  const ref = useClientID<HTMLSpanElement>(id);
  return (
    <span ref={ref} data-probe={label} data-id={id}>
      {label}
      {children}
    </span>
  );
}

/** Two useId calls, and children inside an array of its own. */
export function Pair({ label, children }: { label: string; children?: ReactNode }) {
  const a = useId();
  const b = useId();
  const ref = useClientID<HTMLDivElement>(a);
  return (
    <div ref={ref} data-probe={label} data-id={a} data-id2={b}>
      {[<Probe key="x" label={label + ".x"} />, children, <Probe key="y" label={label + ".y"} />]}
    </div>
  );
}

/** A list of probes rendered by a client component. */
export function List({ n, prefix }: { n: number; prefix: string }) {
  const items = [];
  for (let i = 0; i < n; i++) items.push(<li key={i}><Probe label={prefix + i} /></li>);
  return <ul>{items}</ul>;
}
