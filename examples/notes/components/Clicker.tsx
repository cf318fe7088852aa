"use client";

import { useState } from "react";

/** A client component in the root layout: its count survives navigations. */
export function Clicker() {
  const [n, setN] = useState(0);
  return (
    <button type="button" className="clicker" onClick={() => setN(n + 1)}>
      Clicks: {n}
    </button>
  );
}
