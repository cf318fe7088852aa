// Package gorsc builds React Server Components and Server Actions in Go.
//
// # The model
//
// Server components are Go functions that return a tree of [Node]s:
// elements from package html, [Text], [Fragment]s, other server
// components ([Component]) and references to React client components
// ([Client]). They run on the server only, may load data, and never
// re-render in the browser. gorsc writes the tree two ways from one
// render: as React 19's Flight protocol (the payload React's client
// decodes) and as server-rendered HTML in exactly the shape
// react-dom/server writes, which the real React client hydrates.
//
// Client components are ordinary "use client" TSX files in the app
// directory, bundled with the app's own React by esbuild; they receive
// props from Go (structs with json tags, maps, nodes, actions). Any npm
// React library works as one. The first HTML holds their markup too:
// React's own server renderer renders them from the same TSX in
// JavaScript VMs inside the Go process ([App].SSR), and the browser
// hydrates it; [ClientOnly] leaves one to the browser.
//
// Server actions ([Action]) are Go functions the browser calls: from a
// form (with JavaScript or without it), or from a client component as an
// async function. Rule of thumb, as in Next.js: fetch with server
// components (GET), mutate with server actions (POST).
//
// # Pages and layouts
//
// An [App] is an http.Handler. [App.Page] registers a page for an
// http.ServeMux pattern; [App.Segment] gives the pages under a path
// prefix a layout, a loading UI (streamed at once), an error UI (an
// error boundary with retry), a not-found page and <head> metadata, like
// the folders of a Next.js app directory. [Link] navigates without a
// reload: the client router fetches only what changed below the deepest
// shared layout, and layouts keep their client state. Pages and actions
// steer the response with [Redirect], [NotFound] and [Unauthorized].
//
// # Actions
//
// An action takes a context.Context and arguments converted from what the
// browser sent (React's encodeReply format, or form fields when
// JavaScript is off), and returns nothing, an error, or a value and an
// error. Its public id is an HMAC of its name under the app's secret;
// values bound with [ServerAction.Bind] travel sealed (AES-GCM), so the
// browser can neither read nor forge them; [MustBind] makes an action
// callable only through its sealed bound values. [ValidationErrors] and
// [FormStateFor] report field errors to the form. [UpdateTag],
// [RevalidateTag] and [RevalidatePath] invalidate cached data and pages and
// send the re-rendered page with the action's answer. Every action endpoint is
// public input: bodies are size-limited ([App.MaxActionBytes]) and
// cross-origin calls are refused. ACTIONS.md has the details.
//
// # Streaming
//
// Every server component runs in its own goroutine, so siblings that wait
// on I/O wait in parallel. [Suspense] streams: the shell goes out with
// the fallback, and the content follows in the same response, out of
// order, as react-dom/server writes it, with its Flight rows in the same
// flush. A client that goes away cancels the context of every component
// still running.
//
// # The first load
//
// A page's first HTML carries its Flight rows too, for React to hydrate
// from: every element would go out twice, as markup and as rows. gorsc
// sends the rows of large subtrees of plain elements (1 KB of rows or
// more: host elements with string attributes, texts and integers, such
// as a list of 200 items) once: the document carries a template of their
// rows with the strings and numbers left out, and the browser runtime
// fills it from the HTML before React reads it, checked against a hash;
// if the HTML was changed on its way (a proxy, an extension), it reads
// the rows from the server instead. On examples/bench's "/" it takes the
// gzipped page from 5.9 KB to 4.0 KB. [App.InlineAllRows] turns it off.
//
// # Styling
//
// Every .css file of the app directory is bundled by esbuild into a
// content-hashed stylesheet. Server components link one with
// [Stylesheet], [App.Stylesheet] (on every page) or Segment.Stylesheets,
// and use a CSS Module's scoped class names through [CSSModule]; client
// components import CSS and CSS Modules as usual. Every stylesheet is a
// React 19 stylesheet resource: in <head> on the first paint, and loaded
// before a client navigation shows the page that needs it. A stylesheet
// that imports "tailwindcss" is compiled by Tailwind CSS v4 when the app
// is built. The README's Styling section has the details.
//
// # Caching
//
// One cache per app ([App.Cache]: in memory, or shared by instances over
// Redis with [NewRedisCache]) holds the values of cached functions
// ([Cached], [CachedBy]) — keyed, tagged, with a lifetime, loaded once for
// concurrent callers and once per request — and cached pages
// ([CachePage]). Actions invalidate by tag or path; see README's Caching.
//
// # Production
//
// "gorsc build" bundles the browser assets ahead of time; serve them from
// [App.Assets] (an embed.FS) and the app is one Go binary that needs
// neither Node nor node_modules. Set [App.Secret] (or GORSC_SECRET) to
// the same value on every instance, so action ids survive restarts and
// match across instances.
//
// The wire formats gorsc speaks (Flight rows, the HTML shapes, inline
// Flight, the action protocol) are described in doc/wire.md.
package gorsc
