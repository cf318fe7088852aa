// The webpack globals that react-server-dom-webpack's browser client
// expects (doc/wire.md §2.3). This module must be evaluated before the
// Flight client, so bootstrap.tsx imports it first.
//
// gorsc writes client references as I["/url.js",[…,"/url.js","/url.js"],"Export"]:
// the chunks are those the module imports that the runtime has not loaded,
// then the module itself (doc/wire.md §2.1). React loads them all when it
// reads the row, each with a native dynamic import here, before it requires
// the module, so __webpack_require__ can answer synchronously.

const modules = new Map<string, unknown>();
const loading = new Map<string, Promise<void>>();
const g = globalThis as Record<string, unknown>;

g.__webpack_chunk_load__ = (id: string): Promise<void> => {
  let p = loading.get(id);
  if (!p) {
    p = import(/* @vite-ignore */ id).then((m) => {
      modules.set(id, m);
    });
    loading.set(id, p);
  }
  return p;
};

g.__webpack_require__ = (id: string): unknown => {
  if (modules.has(id)) return modules.get(id);
  throw new Error(`gorsc: client module ${id} was required before it was loaded`);
};

// The development build of the Flight client asks for a chunk's script URL
// (for its debug info); gorsc's chunk ids are their URLs.
g.__webpack_get_script_filename__ = (id: string): string => id;
