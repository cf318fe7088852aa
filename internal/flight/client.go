package flight

import (
	"github.com/gorsc/gorsc/internal/tree"
)

// EncodeClient returns the Flight rows of one client component for
// rendering it on the server (internal/ssr): row 0 is the client element
// itself, ["$","$L<id>",key,props], without the Suspense boundary the
// page's rows put around it, preceded by its I row and the rows its props
// need. A Suspense boundary in its props whose children are done is
// written with its row, as the page's rows will carry it; one still
// pending has no row, so the server render writes its fallback.
func EncodeClient(c *tree.ClientRef, r Resolver, opts Options) ([]byte, error) {
	e := NewEncoderWith(r, opts)
	e.nextID = 1
	ref, err := e.client(c)
	if err != nil {
		return nil, err
	}
	b := []byte(`["$",`)
	b = appendRef(b, "$L", ref)
	b = append(b, ',')
	b = e.appendKey(b, c.Key)
	b = append(b, ',')
	if b, err = e.clientProps(b, c); err != nil {
		return nil, err
	}
	out := e.flush(0, e.endElement(b))
	for lazies := e.TakeLazies(); len(lazies) > 0; lazies = e.TakeLazies() {
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
	}
	return out, nil
}
