package fizz

import (
	"bytes"
	"html"
	"strings"

	"github.com/gorsc/gorsc/internal/tree"
)

// Server-rendered client components (Options.RenderClient): the writer
// asks for the HTML of each outermost client component it has no Go HTML
// for, with the component's tree context, and merges what the component
// hoists into the document's <head>.

// ClientAt is where a client component sits, for a server render of it
// that the browser can hydrate.
type ClientAt struct {
	// Tree is the component's tree context (a copy the callee may keep).
	Tree TreeContext
	// SVG is set inside an <svg> element (outside <foreignObject>): React
	// writes the component's elements in SVG's namespace rules there.
	SVG bool
}

// ClientHTML is what Options.RenderClient returns for a client component.
type ClientHTML struct {
	// HTML is the component's markup, written in a completed boundary
	// (<!--$-->HTML<!--/$-->); nil to leave the component to the browser.
	HTML []byte
	// Head is what the component hoists into <head> (titles, meta,
	// stylesheets with precedence, preloads, async scripts), as React
	// wrote it before the component: the writer files each element where
	// React's render of the whole document puts it (hoist.go).
	Head []byte
	// Digest, when HTML is nil, is written into the client-rendered
	// boundary (data-dgst). An empty digest makes React render the
	// component in the browser without reporting an error; a digest
	// makes it report error 419 with the digest to onRecoverableError.
	Digest string
}

// willRender reports whether the writer asks RenderClient for c.
func (w *writer) willRender(c *tree.ClientRef) bool {
	return c.SSR == nil && w.opts.RenderClient != nil && !c.ClientOnly
}

// renderClient server-renders c during the hoisting pass (hoist.go), which
// meets client components in tree order before the writer writes them,
// files what c hoists, and keeps the HTML for clientRef. It reports
// whether c rendered.
func (w *writer) renderClient(c *tree.ClientRef, svg, fallback bool) bool {
	r := w.opts.RenderClient(c, ClientAt{Tree: w.tc.clone(), SVG: svg})
	if r.HTML != nil {
		w.addClientHead(r.Head, fallback)
	}
	if w.clients == nil {
		w.clients = map[*tree.ClientRef][]ClientHTML{}
	}
	w.clients[c] = append(w.clients[c], r)
	return r.HTML != nil
}

// clientRef writes a client component that Go has no HTML for: the HTML
// RenderClient returned in a completed boundary, else a client-rendered
// boundary with the fallback (doc/wire.md §4.3) and the digest of its
// failure. It reports false when RenderClient was not asked (there is
// none, the component is ClientOnly, or it is inside a <ViewTransition>,
// whose vt-* attributes only the writer knows): the writer then writes
// the client-rendered boundary without a digest.
func (w *writer) clientRef(c *tree.ClientRef) (bool, error) {
	rs := w.clients[c]
	if len(rs) == 0 {
		return false, nil
	}
	r := rs[0]
	w.clients[c] = rs[1:]
	if r.HTML == nil {
		return true, w.clientBoundary(c, r.Digest)
	}
	w.b = append(w.b, "<!--$-->"...)
	w.b = append(w.b, r.HTML...)
	w.b = append(w.b, "<!--/$-->"...)
	w.lastText = false
	return true, nil
}

// clientBoundary writes a client-rendered boundary: React renders the
// component in the browser, reporting digest if it is not empty.
func (w *writer) clientBoundary(c *tree.ClientRef, digest string) error {
	w.b = append(w.b, `<!--$!--><template data-dgst="`...)
	w.b = appendEscaped(w.b, digest)
	w.b = append(w.b, `"></template>`...)
	w.lastText = false
	saved := w.fmtState()
	w.setFmt(w.suspenseFallback())
	err := w.node(c.Fallback)
	w.setFmt(saved)
	if err != nil {
		return err
	}
	w.b = append(w.b, "<!--/$-->"...)
	w.lastText = false
	return nil
}

// addClientHead files the elements of a client component's Head into the
// hoister's buckets (hoist.go) as React's render of the whole document
// does: resources once per document (a stylesheet per href, a script per
// src), stylesheets in their precedence, hoistable elements (<title>,
// <meta>, other <link>s) in tree order with the server components' ones,
// and dropped inside a Suspense fallback (fallback). In content streamed
// after the shell, stylesheets and <style> resources are written before
// the content as they are (React would preload them and reveal the
// content once they have loaded).
func (w *writer) addClientHead(head []byte, fallback bool) {
	h := &w.hoist
	for len(head) > 0 {
		var el []byte
		el, head = nextElement(head)
		name := elementName(el)
		rel, _ := headAttr(el, "rel")
		switch {
		case name == "meta" && hasHeadAttr(el, "charSet"):
			if !h.late && !fallback {
				h.charset = append(h.charset, el...)
			}
		case name == "meta" && attrIs(el, "name", "viewport"):
			if !fallback {
				h.view = append(h.view, el...)
			}
		case name == "link" && (rel == "preconnect" || rel == "dns-prefetch" || rel == "preload" && attrIs(el, "as", "font")):
			// React writes these after the viewport, before images.
			if h.once("client|" + string(el)) {
				h.view = append(h.view, el...)
			}
		case name == "link" && rel == "preload" && attrIs(el, "as", "image"):
			key, _ := headAttr(el, "href")
			if set, ok := headAttr(el, "imageSrcSet"); ok {
				sizes, _ := headAttr(el, "imageSizes")
				key = "[" + set + "][" + sizes + "]"
			}
			if h.once("img|" + key) {
				if attrIs(el, "fetchPriority", "high") || h.nImages < 10 {
					h.nImages++
					h.images = append(h.images, el...)
				} else {
					h.bulk = append(h.bulk, el...)
				}
			}
		case name == "link" && rel == "stylesheet" && hasHeadAttr(el, "data-precedence"):
			href, _ := headAttr(el, "href")
			if !h.once("style|" + href) {
				break
			}
			if h.late {
				h.rest = append(h.rest, el...)
				break
			}
			prec, _ := headAttr(el, "data-precedence")
			g := h.group(prec)
			g.sheets = append(g.sheets, el...)
			g.hasSheets = true
		case name == "style" && hasHeadAttr(el, "data-precedence"):
			prec, _ := headAttr(el, "data-precedence")
			hrefs, _ := headAttr(el, "data-href")
			var fresh []string
			for _, href := range strings.Fields(hrefs) {
				if h.once("style|" + href) {
					fresh = append(fresh, href)
				}
			}
			if hrefs != "" && len(fresh) == 0 {
				break // every rule is in the document already
			}
			if h.late {
				h.rest = append(h.rest, el...)
				break
			}
			g := h.group(prec)
			g.hrefs = append(g.hrefs, fresh...)
			g.rules = append(g.rules, elementContent(el)...)
		case name == "script":
			src, _ := headAttr(el, "src")
			key := "script|" + src
			if attrIs(el, "type", "module") {
				key = "module|" + src
			}
			if h.once(key) {
				h.scripts = append(h.scripts, el...)
			}
		case name == "link" && rel != "stylesheet" && strings.HasSuffix(rel, "preload"):
			// Other preloads and modulepreloads: React's bulk preloads.
			if h.once("client|" + string(el)) {
				h.bulk = append(h.bulk, el...)
			}
		default:
			// A hoistable element: <title>, <meta>, another <link>.
			if !fallback {
				h.rest = append(h.rest, el...)
			}
		}
	}
}

// nextElement splits off the first element of React's preamble markup:
// a void element (<link …/>, <meta …/>) or one with content (<title>,
// <style>, <script>). Attribute values never hold a raw '>' or '"'.
func nextElement(b []byte) (el, rest []byte) {
	end := bytes.IndexByte(b, '>')
	if end < 0 {
		return b, nil
	}
	if end > 0 && b[end-1] == '/' {
		return b[:end+1], b[end+1:]
	}
	closing := "</" + elementName(b) + ">"
	if i := bytes.Index(b, []byte(closing)); i >= 0 {
		return b[:i+len(closing)], b[i+len(closing):]
	}
	return b[:end+1], b[end+1:]
}

// elementName is the tag name of the element el starts with.
func elementName(el []byte) string {
	name := el[min(1, len(el)):]
	if i := bytes.IndexAny(name, " />"); i >= 0 {
		name = name[:i]
	}
	return string(name)
}

// elementContent is what is between an element's start and end tags.
func elementContent(el []byte) []byte {
	start := bytes.IndexByte(el, '>') + 1
	end := bytes.LastIndex(el, []byte("</"))
	if start <= 0 || end < start {
		return nil
	}
	return el[start:end]
}

// headAttr returns the value of attribute name of the start tag el, as
// React writes attributes (name="escaped value").
func headAttr(el []byte, name string) (string, bool) {
	if end := bytes.IndexByte(el, '>'); end >= 0 {
		el = el[:end]
	}
	key := " " + name + `="`
	i := bytes.Index(el, []byte(key))
	if i < 0 {
		return "", false
	}
	v := el[i+len(key):]
	if j := bytes.IndexByte(v, '"'); j >= 0 {
		v = v[:j]
	}
	return html.UnescapeString(string(v)), true
}

func hasHeadAttr(el []byte, name string) bool {
	_, ok := headAttr(el, name)
	return ok
}

func attrIs(el []byte, name, value string) bool {
	v, ok := headAttr(el, name)
	return ok && v == value
}
