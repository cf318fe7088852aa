"use client";

import { useState } from "react";
import "./Clicker.css";
import styles from "./Clicker.module.css";

/** A client component in the root layout: its count survives navigations. */
export function Clicker() {
  const [n, setN] = useState(0);
  return (
    <button type="button" className="clicker rounded border px-2" onClick={() => setN(n + 1)}>
      Clicks: <span className={styles.count}>{n}</span>
    </button>
  );
}
