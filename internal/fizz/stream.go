package fizz

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

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
	// CompleteBoundaryWithStyles defines $RM and $RR and starts a call
	// (`…;$RR("`): React's completion for a boundary that waits for
	// stylesheets (completeBoundaryWithStylesScript1FullPartial).
	CompleteBoundaryWithStyles string
	// ViewTransitionReveal redefines $RV to reveal content inside view
	// transitions; React writes it once, after CompleteBoundary, in
	// documents whose boundaries are inside a <ViewTransition>.
	ViewTransitionReveal string
}

// Pending is a Suspense boundary written as a fallback
// (<!--$?--><template id="B:n">) whose content follows later.
type Pending struct {
	ID       int
	Boundary *tree.Boundary
	ctx      fmtState // the format context of the content (its own copy)
}

// Stream writes one streamed document in react-dom/server's shape: the
// shell first, with fallbacks for boundaries that are not ready, then each
// boundary's content as a hidden segment and a completion script, in the
// order they finish, then the closing tags (doc/wire.md §4.2, §4.6).
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
	return s.AppendShell(make([]byte, 0, 64<<10), root)
}

// AppendShell is Shell appending the HTML to dst, which the stream does
// not keep: a caller may reuse it once written (internal/bufpool).
func (s *Stream) AppendShell(dst []byte, root tree.Node) ([]byte, error) {
	w := s.w
	w.b = dst
	defer func() { w.b = nil }()
	if el, ok := root.(*tree.Element); ok && el != nil && el.Tag == "html" {
		w.b = append(w.b, "<!DOCTYPE html>"...)
	}
	if err := w.node(root); err != nil {
		return nil, err
	}
	if len(w.pending) > 0 {
		w.b = append(w.b, `<script id="_R_">`...)
		w.b = append(w.b, s.rt.ShellTime...)
		w.b = append(w.b, "</script>"...)
	}
	w.hoist.reset()
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
	// The content's hoistables: those not in the document yet are written
	// before it, as React writes them at the start of the flush.
	w.setFmt(p.ctx) // the hoisting pass renders client components in it
	w.hoist.late = true
	w.collect(tree.Group(p.Boundary.Children), hoistScopeOf(p.ctx), false)
	w.b = append(w.b, w.late()...)
	w.b = append(w.b, `<div hidden id="S:`...)
	w.b = append(w.b, id...)
	w.b = append(w.b, `">`...)
	w.lastText = false
	w.setFmt(p.ctx)
	err := w.children(p.Boundary.Children)
	w.setFmt(fmtState{})
	if err != nil {
		return nil, err
	}
	if w.lastText {
		// The content waited at its root (React's segment for it is
		// "text embedded"): a text at its end is closed off, as React
		// does, so that it stays its own text node next to what follows.
		w.b = append(w.b, "<!-- -->"...)
	}
	w.b = append(w.b, "</div>"...)
	styleTags := w.hoist.lateStyleTags()
	w.b = append(w.b, styleTags...)
	sheets := w.hoist.lateSheets
	w.hoist.reset()
	w.b = append(w.b, "<script>"...)
	if len(sheets) == 0 && len(styleTags) == 0 {
		if !w.wroteRC {
			w.wroteRC = true
			w.b = append(w.b, s.rt.CompleteBoundary...)
		}
		w.viewTransitionReveal(s.rt)
		w.b = append(w.b, `$RC("B:`...)
		w.b = append(w.b, id...)
		w.b = append(w.b, `","S:`...)
		w.b = append(w.b, id...)
		w.b = append(w.b, `")</script>`...)
		return w.b, nil
	}
	// New stylesheets (or <style> resources) to load first: $RR inserts
	// them into <head> and reveals the content once they have loaded.
	if !w.wroteRX {
		w.wroteRX = true
		w.b = append(w.b, s.rt.ClientRender...)
	}
	if !w.wroteRC {
		w.wroteRC = true
		w.b = append(w.b, s.rt.CompleteBoundary...)
	}
	w.viewTransitionReveal(s.rt)
	if !w.wroteRR {
		w.wroteRR = true
		w.b = append(w.b, s.rt.CompleteBoundaryWithStyles...)
	} else {
		w.b = append(w.b, `$RR("`...)
	}
	w.b = append(w.b, "B:"...)
	w.b = append(w.b, id...)
	w.b = append(w.b, `","S:`...)
	w.b = append(w.b, id...)
	w.b = append(w.b, `",`...)
	w.b = w.appendStyleDeps(w.b, sheets)
	w.b = append(w.b, ")</script>"...)
	return w.b, nil
}

// viewTransitionReveal writes React's view-transition $RV once, when the
// document needs it.
func (w *writer) viewTransitionReveal(rt *Runtime) {
	if w.needsVT && !w.wroteVT && rt.ViewTransitionReveal != "" {
		w.wroteVT = true
		w.b = append(w.b, rt.ViewTransitionReveal...)
	}
}

// appendStyleDeps appends $RR's list of stylesheets to load, as React
// writes it: [["href","precedence","attr","value",…],…], the attributes
// being the link's other props by lower-cased name.
func (w *writer) appendStyleDeps(b []byte, sheets []lateSheet) []byte {
	b = append(b, '[')
	for i, ls := range sheets {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		href, _ := attrString(attrOrNil(ls.el, "href"))
		if isJavaScriptURL(href) {
			href = blockedJavaScriptURL
		}
		b = appendInstructionJSON(b, href)
		b = append(b, ',')
		b = appendInstructionJSON(b, ls.precedence)
		for _, a := range ls.el.Attrs() {
			if a.Value == nil {
				continue
			}
			switch a.Name {
			case "href", "rel", "precedence", "data-precedence", "children", "dangerouslySetInnerHTML",
				"innerHTML", "suppressContentEditableWarning", "suppressHydrationWarning", "style", "ref":
				continue
			}
			name, value := strings.ToLower(a.Name), ""
			switch a.Name {
			case "className":
				name = "class"
				value, _ = attrString(a.Value)
			case "hidden":
				if x, ok := a.Value.(bool); ok && !x {
					continue
				}
			case "src":
				value, _ = attrString(a.Value)
				if isJavaScriptURL(value) {
					value = blockedJavaScriptURL
				}
			default:
				if len(a.Name) > 2 && (a.Name[0]|0x20) == 'o' && (a.Name[1]|0x20) == 'n' || !isAttrNameSafe(a.Name) {
					continue
				}
				if _, isAction := a.Value.(tree.ActionRef); isAction {
					continue
				}
				var ok bool
				if value, ok = attrString(a.Value); !ok {
					continue
				}
			}
			b = append(b, ',')
			b = appendInstructionJSON(b, name)
			b = append(b, ',')
			b = appendInstructionJSON(b, value)
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

func attrOrNil(el *tree.Element, name string) any {
	v, _ := attrValue(el, name)
	return v
}

// appendInstructionJSON appends s as React's instruction scripts write
// strings: JSON, with &, <, >, U+2028 and U+2029 as \u escapes.
func appendInstructionJSON(b []byte, s string) []byte {
	q := jsonx.AppendString(nil, s)
	for _, c := range string(q) {
		switch c {
		case '&':
			b = append(b, `\u0026`...)
		case '<':
			b = append(b, `\u003c`...)
		case '>':
			b = append(b, `\u003e`...)
		case '\u2028':
			b = append(b, `\u2028`...)
		case '\u2029':
			b = append(b, `\u2029`...)
		default:
			b = utf8.AppendRune(b, c)
		}
	}
	return b
}

// End returns the closing tags held back from the shell.
func (s *Stream) End() []byte { return s.w.post }

// Pending reports whether boundaries of the shell are still to be written
// (their segments come later): when it is false, the shell and End are
// the whole document.
func (s *Stream) Pending() bool { return len(s.w.pending) > 0 }

// boundary writes a Suspense boundary: inline when its content is already
// done, as a client-rendered boundary when it failed, else as a fallback
// with a template the content's segment replaces later.
func (w *writer) boundary(b *tree.Boundary) error {
	if !w.stream {
		return fmt.Errorf("gorsc: internal error: a streaming boundary reached the non-streaming HTML writer")
	}
	saved := w.fmtState()
	defer w.setFmt(saved)
	if b.Ready() && b.Err == nil {
		w.b = append(w.b, "<!--$-->"...)
		w.lastText = false
		w.setFmt(w.suspenseContent())
		if err := w.children(b.Children); err != nil {
			return err
		}
		w.b = append(w.b, "<!--/$-->"...)
		w.lastText = false
		return nil
	}
	id := w.nextID
	w.nextID++
	w.pending = append(w.pending, Pending{ID: id, Boundary: b, ctx: w.suspenseContent().clone()})
	w.setFmt(w.suspenseFallback())
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
	return jsonx.AppendScriptString(b, s)
}
