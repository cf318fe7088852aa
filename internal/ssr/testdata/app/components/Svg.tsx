"use client";
import { useId } from "react";

/** An SVG child rendered by a client component inside a server <svg>. */
export function Dot() {
  const id = useId();
  return (
    <g id={id}>
      <circle cx={5} cy={5} r={4} strokeWidth={1} />
    </g>
  );
}
