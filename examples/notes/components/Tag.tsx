"use client";

import styles from "./Tag.module.css";

/** A tag's heading: a client component whose CSS only the tag pages load. */
export function Tag({ tag }: { tag: string }) {
  return <h1 className={"tag " + styles.tag}>#{tag}</h1>;
}
