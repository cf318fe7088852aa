"use client";
import { useState, type ReactNode } from "react";

/** Shows props of every kind Flight carries. */
export function Values(props: {
  when: Date;
  big: bigint;
  nothing: undefined;
  nan: number;
  text: string;
  list: number[];
  children?: ReactNode;
  slot?: ReactNode;
  action?: (fd: FormData) => void;
}) {
  return (
    <div>
      <time>{props.when.toISOString()}</time>
      <span className="big">{(props.big * 2n).toString()}</span>
      <span className="undef">{String(props.nothing === undefined)}</span>
      <span className="nan">{String(Number.isNaN(props.nan))}</span>
      <span className="text">{props.text}</span>
      <span className="list">{props.list.join(",")}</span>
      <div className="slot">{props.slot}</div>
      {props.children}
      {props.action ? (
        <form action={props.action}>
          <button>go</button>
        </form>
      ) : null}
    </div>
  );
}

export function Head({ title }: { title: string }) {
  return (
    <article>
      <title>{title}</title>
      <meta name="description" content={"about " + title} />
      <link rel="stylesheet" href="/style.css" precedence="default" />
      <h1>{title}</h1>
    </article>
  );
}

export function Logs() {
  console.log("hello %s from %d", "ssr", 1);
  console.error("an error line");
  return <p>logged</p>;
}

export function Counter({ start }: { start: number }) {
  const [n, setN] = useState(start);
  return (
    <button type="button" className="counter" onClick={() => setN((x) => x + 1)}>
      Count: {n}
    </button>
  );
}

type Row = { id: number; title: string; n: number };

/** A list of rows from props: the cost of a client subtree by size. */
export function Rows({ items }: { items: Row[] }) {
  return (
    <ul className="rows">
      {items.map((it) => (
        <li key={it.id} className="row">
          <a href={"/items/" + it.id}>{it.title}</a> <span>{it.n}</span>
        </li>
      ))}
    </ul>
  );
}

/** Formats with Intl: en-US in the engine. */
export function Formatted({ when, amount }: { when: Date; amount: number }) {
  const date = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(when);
  const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(amount);
  return (
    <p className="formatted">
      {date} {money} {amount.toLocaleString("en-US")}
    </p>
  );
}

// Resources hoists a stylesheet, a meta, an async script and an image
// preload into the document's <head>.
export function Resources({ name, href, precedence }: { name: string; href: string; precedence: string }) {
  return (
    <section>
      <link rel="stylesheet" href={href} precedence={precedence} />
      <meta name="resource" content={name} />
      <script async src={"/" + name + ".js"} />
      <img src={"/" + name + ".png"} alt="" />
      <p>{name}</p>
    </section>
  );
}
