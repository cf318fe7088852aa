"use client";
// CSS imports: ignored by the server bundle, except the class names of a
// CSS module, which must be the browser's.
import "./plain.css";
import styles from "./Styled.module.css";

export function Styled() {
  return <p className={styles.title}>styled</p>;
}
