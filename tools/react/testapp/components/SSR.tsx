"use client";

// Test fixtures for server-rendered client components (gorsc's
// ssr_browser_test.go): nesting, server children, useId in lists, a
// useActionState form bound to a Go action, failures during the server
// render, and two npm libraries (Radix Tabs: context providers and useId;
// zustand: useSyncExternalStore).
import { useActionState, useId, useState, type ReactNode } from "react";
import * as Tabs from "@radix-ui/react-tabs";
import { create } from "zustand";

/** A client component with state and an id, nested in Outer. */
export function Inner({ label }: { label: string }) {
  const id = useId();
  const [n, setN] = useState(0);
  return (
    <span className="inner" data-label={label} data-id={id}>
      <label htmlFor={id}>{label}</label>
      <button id={id} type="button" onClick={() => setN((x) => x + 1)}>
        {label}: {n}
      </button>
    </span>
  );
}

/** A client component that renders client components and server children. */
export function Outer({ title, children }: { title: string; children?: ReactNode }) {
  const id = useId();
  return (
    <section className="outer" data-id={id} aria-labelledby={id + "h"}>
      <h2 id={id + "h"}>{title}</h2>
      <Inner label="first" />
      <div className="server-children">{children}</div>
      <Inner label="second" />
    </section>
  );
}

function Row({ i }: { i: number }) {
  const id = useId();
  return (
    <li className="row" data-id={id}>
      row {i}
    </li>
  );
}

/** n rows, each with its own useId. */
export function IdList({ n, prefix }: { n: number; prefix: string }) {
  const rows = [];
  for (let i = 0; i < n; i++) rows.push(<Row key={prefix + i} i={i} />);
  return <ol className={"idlist " + prefix}>{rows}</ol>;
}

/** Fails on the server only: the browser renders it. */
export function Throws({ what }: { what: string }) {
  if (typeof window === "undefined") throw new Error("no " + what + " on the server");
  return <p className="throws">rendered in the browser</p>;
}

/** Reads window during render: the browser renders it. */
export function ReadsWindow() {
  return <p className="reads-window">width {window.innerWidth > 0 ? "known" : "zero"}</p>;
}

type Greeting = { greeting: string; count: number };

/** A useActionState form whose action is a Go server action. */
export function GreetForm({ greet }: { greet: (prev: Greeting, form: FormData) => Promise<Greeting> }) {
  const [state, action, pending] = useActionState(greet, { greeting: "nobody yet", count: 0 });
  return (
    <form className="greet" action={action} data-pending={pending ? "yes" : "no"}>
      <input name="name" defaultValue="" />
      <button type="submit">Greet</button>
      <p className="state">
        {state.greeting} ({state.count})
      </p>
    </form>
  );
}

const useCount = create<{ n: number; inc: () => void }>((set) => ({ n: 0, inc: () => set((s) => ({ n: s.n + 1 })) }));

/** zustand: a store read with useSyncExternalStore. */
export function StoreCounter({ label }: { label: string }) {
  const n = useCount((s) => s.n);
  const inc = useCount((s) => s.inc);
  return (
    <button className={"store " + label} type="button" onClick={inc}>
      {label} {n}
    </button>
  );
}

/** Radix Tabs: context providers, and ids from useId tying triggers to panels. */
export function TabsDemo({ tabs }: { tabs: { value: string; label: string; body: string }[] }) {
  return (
    <Tabs.Root className="tabs" defaultValue={tabs[0].value}>
      <Tabs.List aria-label="demo tabs">
        {tabs.map((t) => (
          <Tabs.Trigger key={t.value} value={t.value}>
            {t.label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {tabs.map((t) => (
        <Tabs.Content key={t.value} value={t.value}>
          {t.body}
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
