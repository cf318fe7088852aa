"use client";
// Uses every prop with the type it must have: tsc --noEmit fails when a
// generated type disagrees (the typegen tests run it).
import type { ReactNode } from "react";
import type { Author, EmptyProps, LooseProps, WidgetProps } from "./Widget.props";

export function Widget(p: WidgetProps) {
  const id: number = p.id;
  const title: string = p.title;
  const n: number = p.count + p.ratio;
  const done: boolean = p.done;
  const when: number = p.when.getTime();
  const big: bigint = p.big ?? 0n;
  const data: number = p.data?.byteLength ?? 0;
  const tags: string[] = p.tags ?? [];
  const labels: string[] = p.labels ?? [];
  const scores: Record<string, number> = p.scores ?? {};
  const author: Author = p.author;
  const email: string | null | undefined = author.email;
  const boss: Author | undefined = author.boss;
  const editor: string | undefined = p.editor?.name;
  const extra: number = p.extra.N;
  const any: unknown = p.any;
  const children: ReactNode = p.children;
  const later: Promise<unknown> = p.later;
  type Invalid = { errors: Record<string, string>; values: Record<string, string> };
  const saved: Promise<number | Invalid> = p.save("title", 2);
  const removed: Promise<void | Invalid> = p.remove(new FormData());
  const submitted: Promise<{ message: string; errors?: Record<string, string> } | Invalid> = p.submit({ message: "" }, new FormData());
  // @ts-expect-error the bound id is not the browser's to pass
  p.remove(7, new FormData());
  const noTag: string = p.NoTag;
  // @ts-expect-error json:"-" is never sent
  p.Secret;
  // @ts-expect-error unexported fields are never sent
  p.hidden;
  void [id, title, n, done, when, big, data, tags, labels, scores, email, boss, editor, extra, any, later, saved, removed, submitted, noTag];
  return <div>{children}</div>;
}

export function Empty(p: EmptyProps) {
  // @ts-expect-error no props
  return <p>{p.anything}</p>;
}

export function Loose(p: LooseProps) {
  const a: unknown = p.a;
  return <p>{String(a)}</p>;
}
