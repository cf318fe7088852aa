package fizz

import (
	"strings"

	"github.com/gorsc/gorsc/internal/tree"
)

// React 19 hoisting (flight-spec §4.5): <title>, <meta> and <link>
// rendered anywhere are written into <head> (or, when the tree has no
// <html>, at the start of the output), in react-dom/server's preamble
// order: charset, viewport, font preloads, image preloads, stylesheets
// with precedence (grouped by precedence), other preloads, then the rest
// in document order. A non-lazy <img> also gets an image preload there.
//
// The writer finds the hoistables in a pass over the tree before it
// writes the root, writes them in the preamble and skips them in place.
// Content that streams in later (pending Suspense boundaries) is not
// searched: its hoistables stay in place.
type hoister struct {
	done    bool
	skip    map[*tree.Element]bool
	charset []byte
	view    []byte
	fonts   []byte
	images  []byte
	styles  []*styleGroup
	bulk    []byte
	rest    []byte

	nImages int
	seen    map[string]bool
}

type styleGroup struct {
	precedence string
	links      []byte
}

func (h *hoister) preamble() []byte {
	var b []byte
	b = append(b, h.charset...)
	b = append(b, h.view...)
	b = append(b, h.fonts...)
	b = append(b, h.images...)
	for _, g := range h.styles {
		b = append(b, g.links...)
	}
	b = append(b, h.bulk...)
	return append(b, h.rest...)
}

// hoistInit runs the pass on the root, once per writer; for a root that
// is not <html> it writes the preamble at the start of the output.
func (w *writer) hoistInit(root tree.Node) {
	if w.hoist.done {
		return
	}
	w.hoist.done = true
	w.hoist.skip = map[*tree.Element]bool{}
	w.collect(root, false)
	if el, ok := root.(*tree.Element); !ok || el.Tag != "html" {
		w.writePreamble()
	}
}

// collect walks the nodes the writer will write now. inSVG or inside
// <noscript> nothing is hoisted.
func (w *writer) collect(n tree.Node, foreign bool) {
	switch n := n.(type) {
	case tree.Group:
		for _, c := range n {
			w.collect(c, foreign)
		}
	case *tree.Fragment:
		for _, c := range n.Children {
			w.collect(c, foreign)
		}
	case *tree.Suspense:
		for _, c := range n.Children {
			w.collect(c, foreign)
		}
	case *tree.Boundary:
		if n.Ready() && n.Err == nil {
			for _, c := range n.Children {
				w.collect(c, foreign)
			}
		} else {
			w.collect(n.Fallback, foreign)
		}
	case *tree.ClientRef:
		if n.SSR != nil {
			w.collect(n.SSR, foreign)
		} else {
			w.collect(n.Fallback, foreign)
		}
	case *tree.Element:
		if !foreign && w.hoistElement(n) {
			w.hoist.skip[n] = true
			return
		}
		f := foreign || n.Tag == "svg" || n.Tag == "math" || n.Tag == "noscript"
		if n.Tag == "img" && !foreign {
			w.imagePreload(n, false)
		}
		if n.Tag == "picture" {
			for _, c := range n.Children {
				if img, ok := c.(*tree.Element); ok && img.Tag == "img" {
					w.collectNoPreload(img)
					continue
				}
				w.collect(c, f)
			}
			return
		}
		for _, c := range n.Children {
			w.collect(c, f)
		}
	}
}

func (w *writer) collectNoPreload(*tree.Element) {}

func attrValue(el *tree.Element, name string) (any, bool) {
	for _, a := range el.Attrs {
		if a.Name == name && a.Value != nil {
			return a.Value, true
		}
	}
	return nil, false
}

func attrText(el *tree.Element, name string) string {
	v, _ := attrValue(el, name)
	s, _ := v.(string)
	return s
}

// hoistElement reports whether el is hoisted, and if so renders it into
// its preamble bucket.
func (w *writer) hoistElement(el *tree.Element) bool {
	if _, ok := attrValue(el, "itemProp"); ok {
		return false
	}
	h := &w.hoist
	switch el.Tag {
	case "title":
		sub := &writer{r: w.r, opts: &Options{}}
		sub.b = append(sub.b, "<title"...)
		for _, a := range el.Attrs {
			if a.Value != nil {
				sub.writeAttr(a.Name, a.Value)
			}
		}
		sub.b = append(sub.b, '>')
		if len(el.Children) == 1 {
			if t, ok := el.Children[0].(tree.Text); ok {
				sub.b = appendEscaped(sub.b, string(t))
			}
		}
		sub.b = append(sub.b, "</title>"...)
		h.rest = append(h.rest, sub.b...)
		return true
	case "meta":
		html := w.render(el)
		switch {
		case hasAttr(el, "charSet"):
			h.charset = append(h.charset, html...)
		case attrText(el, "name") == "viewport":
			h.view = append(h.view, html...)
		default:
			h.rest = append(h.rest, html...)
		}
		return true
	case "link":
		rel, href := attrText(el, "rel"), attrText(el, "href")
		if rel == "" || href == "" {
			return false // React writes such a link in place
		}
		switch rel {
		case "stylesheet":
			prec, ok := attrValue(el, "precedence")
			ps, isStr := prec.(string)
			if !ok || !isStr || href == "" {
				return false // React leaves a plain stylesheet link in place
			}
			if !h.once("style|" + href) {
				return true
			}
			sub := &writer{r: w.r, opts: &Options{}}
			sub.b = append(sub.b, "<link"...)
			for _, a := range el.Attrs {
				if a.Value != nil && a.Name != "precedence" {
					sub.writeAttr(a.Name, a.Value)
				}
			}
			sub.attr("data-precedence", ps)
			sub.b = append(sub.b, "/>"...)
			var g *styleGroup
			for _, x := range h.styles {
				if x.precedence == ps {
					g = x
				}
			}
			if g == nil {
				g = &styleGroup{precedence: ps}
				h.styles = append(h.styles, g)
			}
			g.links = append(g.links, sub.b...)
			return true
		case "preload":
			html := w.render(el)
			switch attrText(el, "as") {
			case "font":
				h.fonts = append(h.fonts, html...)
			default:
				h.bulk = append(h.bulk, html...)
			}
			return true
		case "modulepreload":
			h.bulk = append(h.bulk, w.render(el)...)
			return true
		}
		h.rest = append(h.rest, w.render(el)...)
		return true
	}
	return false
}

func hasAttr(el *tree.Element, name string) bool {
	_, ok := attrValue(el, name)
	return ok
}

func (h *hoister) once(key string) bool {
	if h.seen == nil {
		h.seen = map[string]bool{}
	}
	if h.seen[key] {
		return false
	}
	h.seen[key] = true
	return true
}

// render returns el's HTML as the writer would write it in place.
func (w *writer) render(el *tree.Element) []byte {
	sub := &writer{r: w.r, opts: &Options{}, hoist: hoister{done: true}}
	_ = sub.element(el)
	return sub.b
}

// imagePreload adds <link rel="preload" as="image"> for a non-lazy <img>,
// on the conditions react-dom/server checks.
func (w *writer) imagePreload(el *tree.Element, inPicture bool) {
	if inPicture || attrText(el, "loading") == "lazy" || attrText(el, "fetchPriority") == "low" {
		return
	}
	src, srcOK := attrValue(el, "src")
	set, setOK := attrValue(el, "srcSet")
	srcS, srcIsStr := src.(string)
	setS, setIsStr := set.(string)
	if (srcOK && !srcIsStr) || (setOK && !setIsStr) || (srcS == "" && setS == "") {
		return
	}
	if isDataURL(srcS) || isDataURL(setS) {
		return
	}
	key := "img|" + srcS
	if setS != "" {
		key = "img|[" + setS + "][" + attrText(el, "sizes") + "]"
	}
	if !w.hoist.once(key) {
		return
	}
	sub := &writer{r: w.r, opts: &Options{}}
	sub.b = append(sub.b, `<link rel="preload" as="image"`...)
	if setS == "" {
		sub.attr("href", srcS)
	} else {
		sub.attr("imageSrcSet", setS)
		if sizes, ok := attrValue(el, "sizes"); ok {
			if s, ok := sizes.(string); ok {
				sub.attr("imageSizes", s)
			}
		}
	}
	if co, ok := attrValue(el, "crossOrigin"); ok {
		if s, ok := co.(string); ok {
			if s != "use-credentials" {
				s = ""
			}
			sub.attr("crossorigin", s)
		}
	}
	for _, name := range []string{"integrity", "type", "fetchPriority", "referrerPolicy"} {
		if s := attrText(el, name); s != "" {
			sub.attr(name, s)
		}
	}
	sub.b = append(sub.b, "/>"...)
	h := &w.hoist
	if attrText(el, "fetchPriority") == "high" || h.nImages < 10 {
		h.nImages++
		h.images = append(h.images, sub.b...)
	} else {
		h.bulk = append(h.bulk, sub.b...)
	}
}

func isDataURL(s string) bool {
	return len(s) > 4 && s[4] == ':' && strings.EqualFold(s[:4], "data")
}

func hasHead(html *tree.Element) bool {
	for _, c := range html.Children {
		if el, ok := c.(*tree.Element); ok && el.Tag == "head" {
			return true
		}
	}
	return false
}
