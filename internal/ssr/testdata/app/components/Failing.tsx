"use client";
import { Suspense, use, useState } from "react";

export function Thrower({ message }: { message: string }) {
  throw new Error(message);
}

export function WindowReader() {
  return <p>width {window.innerWidth}</p>;
}

export function Loop() {
  let n = 0;
  for (;;) n++;
}

const never = new Promise<string>(() => {});

function Never(): string {
  return use(never);
}

/** Suspends forever outside any boundary of its own. */
export function Stuck() {
  return <p>{Never()}</p>;
}

/** Suspends forever inside its own boundary: the fallback renders. */
export function Waiting() {
  return (
    <section>
      <h2>before</h2>
      <Suspense fallback={<p className="fallback">loading…</p>}>
        <Forever />
      </Suspense>
    </section>
  );
}

function Forever() {
  return <p>{use(never)}</p>;
}

let soon: Promise<string> | null = null;

/** Waits on a 20 ms timer, well inside the budget: the content renders. */
export function Soon() {
  soon ??= new Promise((resolve) => setTimeout(() => resolve("ready"), 20));
  return <p className="soon">{use(soon)}</p>;
}

/** An error inside its own Suspense boundary: React recovers. */
export function Recovers() {
  return (
    <div>
      <Suspense fallback={<i>fallback</i>}>
        <Bad />
      </Suspense>
    </div>
  );
}

function Bad() {
  if (typeof window === "undefined") throw new Error("bad inside a boundary");
  return <i className="recovered">recovered in the browser</i>;
}

export function Stateful() {
  const [n] = useState(41);
  return <b>{n + 1}</b>;
}

/** Throws on the server only, where window is undefined. */
export function ThrowsOnServer() {
  if (typeof window === "undefined") throw new Error("no SSR for me");
  return <p className="browser-only">rendered by the browser</p>;
}
