// The gorsc browser runtime: reads the Flight payload that the server
// inlined into the document, hydrates the document with React, and calls
// server actions. Bundled by internal/bundle together with the app's own
// react, react-dom and react-server-dom-webpack.
import "gorsc:shim.ts"; // must come first: defines the webpack globals
import {
  createFromFetch,
  createFromReadableStream,
  encodeReply,
} from "react-server-dom-webpack/client.browser";
import { hydrateRoot } from "react-dom/client";
import { startTransition, use, useState, type ReactNode } from "react";

/** Header that marks a request as a server action call; its value is the action id. */
const ACTION_HEADER = "Gorsc-Action";

declare global {
  interface Window {
    /** Flight rows pushed by the inline scripts the server writes. */
    __gorsc_f?: string[];
  }
}

/** Turns the inline Flight pushes into a byte stream, including later pushes. */
function inlineFlight(): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const pushed = (window.__gorsc_f ||= []);
      for (const chunk of pushed) controller.enqueue(encoder.encode(chunk));
      pushed.length = 0;
      pushed.push = (...chunks: string[]) => {
        for (const c of chunks) controller.enqueue(encoder.encode(c));
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

type ActionResult = { returnValue?: unknown; root?: ReactNode };

let setTree: ((tree: ReactNode) => void) | null = null;

/** Calls a server action: POSTs the encodeReply body to the current page. */
async function callServer(id: string, args: unknown[]): Promise<unknown> {
  const body = await encodeReply(args);
  const response = fetch(location.pathname + location.search, {
    method: "POST",
    headers: { Accept: "text/x-component", [ACTION_HEADER]: id },
    body,
  });
  const result = await createFromFetch<ActionResult>(response, { callServer });
  if (result.root !== undefined && setTree) {
    const root = result.root;
    const set = setTree;
    startTransition(() => set(root));
  }
  return result.returnValue;
}

const initial = createFromReadableStream<ReactNode>(inlineFlight(), { callServer });

function Root(): ReactNode {
  const [tree, set] = useState<ReactNode | undefined>(undefined);
  setTree = set;
  return tree === undefined ? use(initial) : tree;
}

function report(kind: string) {
  return (error: unknown, info?: { componentStack?: string }) => {
    console.error(`gorsc: ${kind}:`, error, info?.componentStack ?? "");
  };
}

hydrateRoot(document, <Root />, {
  onRecoverableError: report("recoverable error during hydration"),
  onCaughtError: report("error caught by an error boundary"),
  onUncaughtError: report("uncaught error"),
});
