// The gorsc browser runtime: reads the Flight payload that the server
// inlined into the document, hydrates the document with React, and calls
// server actions. Bundled by internal/bundle together with the app's own
// react, react-dom and react-server-dom-webpack.
import "gorsc:shim.ts"; // must come first: defines the webpack globals
import { createFromReadableStream } from "react-server-dom-webpack/client.browser";
import { hydrateRoot } from "react-dom/client";
import { Component, use, useLayoutEffect, useState, type ReactNode } from "react";
import { callServer, committed, connect, listenHistory, rootFailed } from "gorsc:router.ts";
import { NavContext, navNow } from "gorsc:nav.ts";
import { rebuild, type DOMRow } from "gorsc:domrows.ts";

declare global {
  interface Window {
    /** Flight rows pushed by the inline scripts the server writes. */
    __gorsc_f?: Pushed[];
    /**
     * React's formState, as Flight rows whose row 0 is it, when the page
     * answers a useActionState form posted without JavaScript (written in
     * <head>, before this script: fizz.AppendFormStateScript).
     */
    __gorsc_fs?: Pushed;
  }
}

/**
 * A pushed piece of Flight: text, {b: base64} for rows that are not UTF-8,
 * or {d: template, h: hash} for a row to rebuild from the DOM (domrows.ts).
 */
type Pushed = string | { b: string } | DOMRow;

const encoder = new TextEncoder();

function bytes(p: Pushed): Uint8Array {
  if (typeof p === "string") return encoder.encode(p);
  if ("d" in p) throw new Error("gorsc: a row to rebuild is not bytes");
  return Uint8Array.from(atob(p.b), (c) => c.charCodeAt(0));
}

/**
 * Turns the inline Flight pushes into a byte stream, including later
 * pushes, and rows rebuilt from the DOM. It ends once the document is
 * parsed and every row read from the server as a fallback is in.
 */
function inlineFlight(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let parsed = false;
      let fetching = 0;
      const take = (p: Pushed) => {
        if (typeof p !== "object" || !("d" in p)) {
          controller.enqueue(bytes(p));
          return;
        }
        const row = rebuild(p);
        if (typeof row === "string") {
          controller.enqueue(encoder.encode(row));
          return;
        }
        fetching++;
        void row.then((text) => {
          controller.enqueue(encoder.encode(text));
          fetching--;
          if (parsed && fetching === 0) controller.close();
        });
      };
      const pushed = (window.__gorsc_f ||= []);
      for (const chunk of pushed) take(chunk);
      pushed.length = 0;
      pushed.push = (...chunks: Pushed[]) => {
        for (const c of chunks) take(c);
        return 0;
      };
      const close = () => {
        parsed = true;
        if (fetching === 0) controller.close();
      };
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
  const [nav, setNav] = useState(navNow);
  connect(set, setNav);
  useLayoutEffect(committed, [tree]);
  return <NavContext value={nav}>{tree === undefined ? use(initial) : tree}</NavContext>;
}

type Failure = Error & { digest?: string; status?: number };

/**
 * The default error UI, in place of the whole document, for an error no
 * error boundary of the app caught (as Next's global-error): a failed
 * action of a form outside any boundary, a streamed boundary that failed
 * with no error segment above it, an error in a layout. It never leaves a
 * blank page, and it offers a reload.
 */
class RootBoundary extends Component<{ children: ReactNode }, { error: Failure | null; componentStack: string }> {
  state = { error: null as Failure | null, componentStack: "" };

  static getDerivedStateFromError(error: Failure) {
    return { error };
  }

  componentDidCatch(_error: unknown, info: { componentStack?: string | null }) {
    rootFailed(); // the app's tree is gone: navigations load documents
    if (process.env.NODE_ENV !== "production") this.setState({ componentStack: info.componentStack ?? "" });
  }

  render(): ReactNode {
    const { error, componentStack } = this.state;
    if (!error) return this.props.children;
    // In development (App.Dev) the page shows what failed, as Next's
    // development overlay does; a production build shows the digest only.
    const details =
      process.env.NODE_ENV !== "production" ? (
        <pre data-gorsc-error-details="" style={{ whiteSpace: "pre-wrap", fontSize: "0.8rem", background: "#fdf2f2", padding: "1rem", overflowX: "auto" }}>
          {String(error.stack || error.message || error)}
          {componentStack ? `\n\nThe above error occurred in:${componentStack}` : ""}
        </pre>
      ) : null;
    return (
      <html lang="en">
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Application error</title>
        </head>
        <body style={{ fontFamily: "system-ui, sans-serif", margin: "4rem auto", maxWidth: details ? "56rem" : "32rem", padding: "0 1rem" }}>
          <div role="alert" data-gorsc-global-error="" data-digest={error.digest ?? ""}>
            <h1 style={{ fontSize: "1.25rem" }}>This page could not be shown.</h1>
            <p>
              Something went wrong{error.status ? ` (status ${error.status})` : ""}. Reloading the page may help.
              {error.digest ? ` Error digest: ${error.digest}.` : ""}
            </p>
            <button type="button" onClick={() => location.reload()}>
              Reload
            </button>
            {details}
          </div>
        </body>
      </html>
    );
  }
}

function report(kind: string) {
  return (error: unknown, info?: { componentStack?: string }) => {
    console.error(`gorsc: ${kind}:`, error, info?.componentStack ?? "");
  };
}

/**
 * The formState the server rendered the page with, decoded from its rows
 * as the server's renderer decoded them (internal/ssr), or null.
 */
function formState(): Promise<unknown> | null {
  const rows = window.__gorsc_fs;
  if (rows === undefined) return null;
  const input = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes(rows));
      controller.close();
    },
  });
  return createFromReadableStream<unknown>(input, { callServer });
}

function hydrate(formState: unknown) {
  hydrateRoot(
    document,
    <RootBoundary>
      <Root />
    </RootBoundary>,
    {
      // Hooks the server rendered with this state hydrate with it
      // (useActionState's <!--F!--> marker): the same value, or hydration
      // fails on the markers.
      formState: formState as never,
      onRecoverableError: report("recoverable error during hydration"),
      onCaughtError: report("error caught by an error boundary"),
      onUncaughtError: report("uncaught error"),
    },
  );
}

listenHistory();
const pending = formState();
if (pending === null) {
  hydrate(null);
} else {
  pending.then(hydrate, (error: unknown) => {
    report("the page's formState could not be decoded")(error);
    hydrate(null);
  });
}
