"use client";
// Slot: where a segment's layout puts its children (and where the merged
// metadata goes). The server wraps them in it, transparently in HTML; a
// partial navigation response fills it with new children, so the layouts
// above keep their DOM and client state while only the segments below the
// deepest shared layout are rendered again. When a whole tree arrives
// (a refresh, an action's revalidation), the Slot shows its new children.
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { committed, mountSlot } from "gorsc:router.ts";

type Props = { id: string; children?: ReactNode };
/** Children from a partial response, and the props' children they replaced. */
type Filled = { over: ReactNode; node: ReactNode };

export function Slot({ id, children }: Props): ReactNode {
  const [filled, setFilled] = useState<Filled | null>(null);
  const latest = useRef(children);
  useLayoutEffect(() => {
    latest.current = children;
  });
  useLayoutEffect(() => mountSlot(id, (node) => setFilled({ over: latest.current, node })), [id]);
  useLayoutEffect(() => {
    if (filled) committed();
  }, [filled]);
  // New children from the parent (a whole tree) win over an older fill.
  return (filled && filled.over === children ? filled.node : children) ?? null;
}
