package fizz

import (
	"fmt"
	"strconv"

	"github.com/gorsc/gorsc/internal/jsonx"
	"github.com/gorsc/gorsc/internal/tree"
)

// Runtime holds the inline scripts react-dom/server uses to finish a
// streamed document, read from the installed react-dom at build time
// (internal/bundle) and never retyped.
type Runtime struct {
	ShellTime        string // "requestAnimationFrame(function(){$RT=performance.now()});"
	CompleteBoundary string // defines $RB, $RV, $RC
	ClientRender     string // defines $RX
}

// Pending is a Suspense boundary written as a fallback
// (<!--$?--><template id="B:n">) whose content follows later.
type Pending struct {
	ID       int
	Boundary *tree.Boundary
	Forks    []Fork // the boundary's tree context, when Options.RenderClient is set
}

// Stream writes one streamed document in react-dom/server's shape: the
// shell first, with fallbacks for boundaries that are not ready, then each
// boundary's content as a hidden segment and a completion script, in the
// order they finish, then the closing tags (flight-spec §4.2, §4.6).
type Stream struct {
	w   *writer
	rt  *Runtime
	dig func(*tree.Boundary) string
}

// NewStream starts a streamed document. digest names the error of a
// failed boundary; only the digest reaches the browser.
func NewStream(r Resolver, opts *Options, rt *Runtime, digest func(*tree.Boundary) string) *Stream {
	if opts == nil {
		opts = &Options{}
	}
	return &Stream{w: &writer{r: r, opts: opts, stream: true}, rt: rt, dig: digest}
}

// Shell returns the HTML of the shell, without the closing </body></html>.
func (s *Stream) Shell(root tree.Node) ([]byte, error) {
	w := s.w
	w.b = make([]byte, 0, 64<<10)
	if el, ok := root.(*tree.Element); ok && el.Tag == "html" {
		w.b = append(w.b, "<!DOCTYPE html>"...)
	}
	if err := w.node(root); err != nil {
		return nil, err
	}
	w.spliceClientHead()
	if len(w.pending) > 0 {
		w.b = append(w.b, `<script id="_R_">`...)
		w.b = append(w.b, s.rt.ShellTime...)
		w.b = append(w.b, "</script>"...)
	}
	return w.b, nil
}

// TakePending returns the boundaries written as fallbacks since the last
// call.
func (s *Stream) TakePending() []Pending {
	p := s.w.pending
	s.w.pending = nil
	return p
}

// Segment returns the HTML that completes a pending boundary once it is
// done: its content in a hidden <div> and $RC, or, when it failed, $RX
// with the digest, which makes React render the boundary in the browser.
func (s *Stream) Segment(p Pending) ([]byte, error) {
	w := s.w
	w.b = make([]byte, 0, 4<<10)
	id := strconv.FormatInt(int64(p.ID), 16)
	if p.Boundary.Err != nil {
		w.b = append(w.b, "<script>"...)
		if !w.wroteRX {
			w.wroteRX = true
			w.b = append(w.b, s.rt.ClientRender...)
			w.b = append(w.b, ';')
		}
		w.b = append(w.b, `$RX("B:`...)
		w.b = append(w.b, id...)
		w.b = append(w.b, `",`...)
		w.b = appendScriptJSON(w.b, s.dig(p.Boundary))
		w.b = append(w.b, ")</script>"...)
		return w.b, nil
	}
	w.tc.headAt, w.tc.resAt = 0, 0 // hoisted elements of client components go before the segment
	w.b = append(w.b, `<div hidden id="S:`...)
	w.b = append(w.b, id...)
	w.b = append(w.b, `">`...)
	w.lastText = false
	if err := w.withForks(p.Forks, func() error { return w.nodes(p.Boundary.Children) }); err != nil {
		return nil, err
	}
	w.b = append(w.b, "</div><script>"...)
	if !w.wroteRC {
		w.wroteRC = true
		w.b = append(w.b, s.rt.CompleteBoundary...)
	}
	w.b = append(w.b, `$RC("B:`...)
	w.b = append(w.b, id...)
	w.b = append(w.b, `","S:`...)
	w.b = append(w.b, id...)
	w.b = append(w.b, `")</script>`...)
	w.spliceClientHead()
	return w.b, nil
}

// End returns the closing tags held back from the shell.
func (s *Stream) End() []byte { return s.w.post }

// boundary writes a Suspense boundary: inline when its content is already
// done, as a client-rendered boundary when it failed, else as a fallback
// with a template the content's segment replaces later.
func (w *writer) boundary(b *tree.Boundary) error {
	if !w.stream {
		return fmt.Errorf("gorsc: internal error: a streaming boundary reached the non-streaming HTML writer")
	}
	if b.Ready() && b.Err == nil {
		w.b = append(w.b, "<!--$-->"...)
		w.lastText = false
		if err := w.nodes(b.Children); err != nil {
			return err
		}
		w.b = append(w.b, "<!--/$-->"...)
		w.lastText = false
		return nil
	}
	id := w.nextID
	w.nextID++
	w.pending = append(w.pending, Pending{ID: id, Boundary: b, Forks: w.treeSnapshot()})
	w.b = append(w.b, `<!--$?--><template id="B:`...)
	w.b = strconv.AppendInt(w.b, int64(id), 16)
	w.b = append(w.b, `"></template>`...)
	w.lastText = false
	if err := w.node(b.Fallback); err != nil {
		return err
	}
	w.b = append(w.b, "<!--/$-->"...)
	w.lastText = false
	return nil
}

// appendScriptJSON appends s as a JSON string safe inside a <script>:
// "<", U+2028 and U+2029 are escaped, as React does for its instructions.
func appendScriptJSON(b []byte, s string) []byte {
	return jsonx.AppendScriptString(b, []byte(s))
}
