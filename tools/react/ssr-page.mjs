// Test tooling only: React's own server render of a whole gorsc page, for
// internal/ssr's tests (tree context: useId must give the same ids in
// gorsc's per-component renders as in React's render of the whole tree).
//
//   node tools/react/ssr-page.mjs <server-bundle.js> < rows
//
// rows are the page's Flight rows, as gorsc sends them to the browser. The
// script loads gorsc's server bundle (internal/bundle: React 19.3's
// react-dom/server.edge, the Flight client and the app's client modules),
// decodes the rows with React's Flight client and renders the tree the way
// the browser runtime hydrates it (internal/runtime/bootstrap.tsx: a Root
// component returning use(tree)), with Node's own web APIs, and prints
// the HTML once every boundary is done.
import { readFileSync } from "node:fs";
import vm from "node:vm";

vm.runInThisContext(readFileSync(process.argv[2], "utf8"), { filename: process.argv[2] });
const ssr = globalThis.__gorsc_ssr;
globalThis.__webpack_require__ = (id) => ssr.modules[id]();
globalThis.__webpack_chunk_load__ = () => Promise.resolve();
const moduleMap = {};
for (const id of Object.keys(ssr.modules)) moduleMap[id] = { "*": { id, chunks: [], name: "*" } };

const rows = readFileSync(0);
const input = new ReadableStream({
  start(c) {
    c.enqueue(new Uint8Array(rows));
    c.close();
  },
});
const tree = ssr.createFromReadableStream(input, {
  serverConsumerManifest: { moduleMap, serverModuleMap: null, moduleLoading: null },
});
const { React } = ssr;
function Root() {
  return React.use(tree);
}
const stream = await ssr.renderToReadableStream(React.createElement(Root), {
  onError(e) {
    console.error(e);
  },
});
await stream.allReady;
process.stdout.write(await new Response(stream).text());
