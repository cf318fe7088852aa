"use client";
import { lazy, Suspense } from "react";

const Panel = lazy(() => import("./Panel"));

export function LazyPanel() {
  return (
    <Suspense fallback={<p>loading panel</p>}>
      <Panel title="lazy" />
    </Suspense>
  );
}
