package flight

import (
	"github.com/gorsc/gorsc/internal/tree"
)

// EncodeClient returns the Flight rows of one client component for
// rendering it on the server (internal/ssr): row 0 is the client element
// itself, ["$","$L<id>",key,props], without the Suspense boundary the
// page's rows put around it, preceded by its I row and the rows its props
// need. A Suspense boundary or promise in its props that is done is
// written with its row, as the page's rows will carry it; one still
// pending has no row, so the server render writes its fallback.
func EncodeClient(c *tree.ClientRef, r Resolver, opts Options) ([]byte, error) {
	e := NewEncoderWith(r, opts)
	e.nextID = 1
	ref, err := e.client(c)
	if err != nil {
		return nil, err
	}
	st := e.beginRow(0, true)
	b := []byte(`["$",`)
	b = appendRef(b, "$L", ref)
	b = append(b, ',')
	b = e.appendKey(b, c.Key)
	b = append(b, ',')
	e.pushRaw("props")
	b, err = e.clientProps(b, c)
	e.pop()
	e.endRow(st)
	if err != nil {
		return nil, err
	}
	out, err := e.flush(nil, 0, e.endElement(b))
	if err != nil {
		return nil, err
	}
	// Boundaries and promises that are done are sent, as the page's rows
	// will send them; pending ones keep the render suspended there.
	for {
		lazies, promises := e.TakeLazies(), e.TakePromises()
		if len(lazies) == 0 && len(promises) == 0 {
			return out, nil
		}
		for _, l := range lazies {
			if !l.Boundary.Ready() {
				continue
			}
			rows, err := e.EncodeLazy(l, "", e.dev)
			if err != nil {
				return nil, err
			}
			out = append(out, rows...)
		}
		for _, p := range promises {
			if !p.Promise.Settled() {
				continue
			}
			rows, err := e.EncodePromise(p, "", e.dev)
			if err != nil {
				return nil, err
			}
			out = append(out, rows...)
		}
	}
}
