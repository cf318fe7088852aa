// The gorsc browser runtime: reads the Flight payload that the server
// inlined into the document, hydrates the document with React, and calls
// server actions. Bundled by internal/bundle together with the app's own
// react, react-dom and react-server-dom-webpack.
import "gorsc:shim.ts"; // must come first: defines the webpack globals
import { createFromReadableStream } from "react-server-dom-webpack/client.browser";
import { hydrateRoot } from "react-dom/client";
import { use, useLayoutEffect, useState, type ReactNode } from "react";
import { callServer, committed, connect, listenHistory } from "gorsc:router.ts";

declare global {
  interface Window {
    /** Flight rows pushed by the inline scripts the server writes. */
    __gorsc_f?: Pushed[];
  }
}

/** A pushed piece of Flight: text, or {b: base64} for rows that are not UTF-8. */
type Pushed = string | { b: string };

const encoder = new TextEncoder();

function bytes(p: Pushed): Uint8Array {
  if (typeof p === "string") return encoder.encode(p);
  return Uint8Array.from(atob(p.b), (c) => c.charCodeAt(0));
}

/** Turns the inline Flight pushes into a byte stream, including later pushes. */
function inlineFlight(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const pushed = (window.__gorsc_f ||= []);
      for (const chunk of pushed) controller.enqueue(bytes(chunk));
      pushed.length = 0;
      pushed.push = (...chunks: Pushed[]) => {
        for (const c of chunks) controller.enqueue(bytes(c));
        return 0;
      };
      const close = () => controller.close();
      if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", close, { once: true });
      } else {
        close();
      }
    },
  });
}

const initial = createFromReadableStream<ReactNode>(inlineFlight(), { callServer });

function Root(): ReactNode {
  const [tree, set] = useState<ReactNode | undefined>(undefined);
  connect(set);
  useLayoutEffect(committed, [tree]);
  return tree === undefined ? use(initial) : tree;
}

function report(kind: string) {
  return (error: unknown, info?: { componentStack?: string }) => {
    console.error(`gorsc: ${kind}:`, error, info?.componentStack ?? "");
  };
}

listenHistory();
hydrateRoot(document, <Root />, {
  onRecoverableError: report("recoverable error during hydration"),
  onCaughtError: report("error caught by an error boundary"),
  onUncaughtError: report("uncaught error"),
});
