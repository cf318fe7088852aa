package fizz

import (
	"slices"
	"strings"

	"github.com/gorsc/gorsc/internal/tree"
)

// React 19 hoisting (doc/wire.md §4.5): <title>, <meta>, <link>, async
// <script src> and <style href precedence> rendered anywhere are written
// into <head> (or, when the tree has no <html>, at the start of the
// output), in react-dom/server's preamble order:
//
//	charset <meta>, viewport <meta>, image preloads (the first ten, and
//	those with fetchPriority="high"), stylesheets and <style> resources
//	grouped by precedence (per precedence: its <link>s, then one <style
//	data-precedence data-href="a b"> holding every <style> resource's
//	rules), async scripts, the other image preloads, then every other
//	hoistable (<title>, <meta>, non-stylesheet <link>s such as preload and
//	modulepreload) in tree order.
//
// The writer finds the hoistables in a pass over the tree before it
// writes the root, writes them in the preamble and skips them in place
// (where React writes a text separator if text precedes them). Inside a
// Suspense fallback, titles, metas and non-stylesheet links are dropped,
// as React drops them. Content that streams in later (pending Suspense
// boundaries) is not searched here: see Stream.Segment.
type hoister struct {
	done    bool
	skip    map[*tree.Element]skipKind
	charset []byte
	view    []byte
	images  []byte // highImagePreloads
	styles  []*styleGroup
	scripts []byte
	bulk    []byte // bulkPreloads: images past the first ten
	rest    []byte // hoistableChunks

	nImages int
	seen    map[string]bool

	// Streaming (Stream.Segment): the precedences in the order the
	// document first used them, and, for the content being flushed, its
	// new stylesheets and the <style> groups it used, in tree order.
	precOrder  []string
	lateSheets []lateSheet
	styleOrder []*styleGroup

	// late: the pass is over content streamed after the shell.
	late bool
}

// lateSheet is a stylesheet first met in content streamed after the
// shell: React preloads it, and its boundary is revealed by $RR once it
// has loaded.
type lateSheet struct {
	el         *tree.Element
	precedence string
}

// hoistScope says where the hoisting pass is: inside <svg> (until a
// <foreignObject>) or <noscript> nothing is hoisted.
type hoistScope uint8

const (
	inSVG hoistScope = 1 << iota
	inNoscript
	inViewTransition // not hoisting related: see collect
)

// skipKind says what a hoisted element leaves in its place.
type skipKind uint8

const (
	skipSilent    skipKind = iota // nothing (a <title>)
	skipSeparated                 // a text separator when text precedes it
)

// styleGroup is one precedence of stylesheets and <style> resources.
type styleGroup struct {
	precedence string
	sheets     []byte // <link rel="stylesheet" data-precedence>s
	hasSheets  bool
	hrefs      []string // of the <style> resources
	rules      []byte   // their content, in order
}

func (g *styleGroup) appendTo(b []byte) []byte {
	b = append(b, g.sheets...)
	if g.hasSheets && len(g.hrefs) == 0 {
		return b
	}
	b = append(b, `<style data-precedence="`...)
	b = appendEscaped(b, g.precedence)
	b = append(b, '"')
	if len(g.hrefs) > 0 {
		b = append(b, ` data-href="`...)
		for i, h := range g.hrefs {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendEscaped(b, h)
		}
		b = append(b, '"')
	}
	b = append(b, '>')
	b = append(b, g.rules...)
	return append(b, "</style>"...)
}

func (h *hoister) preamble() []byte {
	var b []byte
	b = append(b, h.charset...)
	b = append(b, h.view...)
	b = append(b, h.images...)
	for _, g := range h.styles {
		b = g.appendTo(b)
	}
	b = append(b, h.scripts...)
	b = append(b, h.bulk...)
	return append(b, h.rest...)
}

func (h *hoister) group(precedence string) *styleGroup {
	for _, g := range h.styles {
		if g.precedence == precedence {
			return g
		}
	}
	g := &styleGroup{precedence: precedence}
	h.styles = append(h.styles, g)
	if !slices.Contains(h.precOrder, precedence) {
		h.precOrder = append(h.precOrder, precedence)
	}
	return g
}

// reset empties the buckets once they are written (React clears its
// queues at each flush); what was seen stays seen.
func (h *hoister) reset() {
	h.charset, h.view, h.images, h.scripts, h.bulk, h.rest = nil, nil, nil, nil, nil, nil
	h.styles, h.lateSheets, h.styleOrder = nil, nil, nil
	h.nImages = 0
}

// late returns the resources found in content streamed after the shell,
// in the order react-dom/server writes them before that content:
// viewport metas, image preloads, a preload for each new stylesheet (by
// precedence, in the document's precedence order), async scripts, the
// other image preloads, then the other hoistables. Charset metas are
// dropped, as React drops them after the shell.
func (w *writer) late() []byte {
	h := &w.hoist
	var b []byte
	b = append(b, h.view...)
	b = append(b, h.images...)
	for _, prec := range h.precOrder {
		for _, ls := range h.lateSheets {
			if ls.precedence != prec {
				continue
			}
			sub := &writer{r: w.r, opts: &Options{}}
			sub.b = append(sub.b, `<link rel="preload" as="style"`...)
			for _, name := range []string{"href", "crossOrigin", "fetchPriority", "integrity", "media", "hrefLang", "referrerPolicy"} {
				if v, ok := attrValue(ls.el, name); ok {
					sub.writeAttr(name, v)
				}
			}
			sub.b = append(sub.b, "/>"...)
			b = append(b, sub.b...)
		}
	}
	b = append(b, h.scripts...)
	b = append(b, h.bulk...)
	return append(b, h.rest...)
}

// lateStyleTags returns the <style> resources of content streamed after
// the shell, written after it with media="not all" until $RR moves them
// into <head>.
func (h *hoister) lateStyleTags() []byte {
	var b []byte
	for _, g := range h.styleOrder {
		if len(g.hrefs) == 0 {
			continue
		}
		b = append(b, `<style media="not all" data-precedence="`...)
		b = appendEscaped(b, g.precedence)
		b = append(b, `" data-href="`...)
		for i, href := range g.hrefs {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendEscaped(b, href)
		}
		b = append(b, `">`...)
		b = append(b, g.rules...)
		b = append(b, "</style>"...)
	}
	return b
}

// hoistInit runs the pass on the root, once per writer; for a root that
// is not <html> it writes the preamble at the start of the output.
func (w *writer) hoistInit(root tree.Node) {
	if w.hoist.done {
		return
	}
	w.hoist.done = true
	w.hoist.skip = map[*tree.Element]skipKind{}
	w.collect(root, 0, false)
	if el, ok := root.(*tree.Element); !ok || el == nil || el.Tag != "html" {
		w.b = append(w.b, w.hoist.preamble()...)
	}
}

// collect walks the nodes the writer will write now. Inside <svg>,
// or <noscript> (in) nothing is hoisted (inside <math> it is, as in
// React), and inside <noscript> no image is preloaded; inside a fallback
// (fallback) titles, metas and links other than stylesheets are dropped.
//
// The pass also server-renders client components (Options.RenderClient,
// client.go), so that what they hoist joins the preamble in tree order:
// it tracks the tree context as the writer does (children), and where a
// <ViewTransition> is the nearest ancestor that is not a host element
// (inViewTransition).
func (w *writer) collect(n tree.Node, foreign hoistScope, fallback bool) {
	if tree.IsNil(n) {
		return
	}
	switch n := n.(type) {
	case tree.Group:
		w.collectChildren(n, foreign, fallback, false)
	case *tree.Fragment:
		if n.HoistFree() {
			return
		}
		w.collectChildren(n.Children, foreign, fallback, false)
	case *tree.Suspense:
		w.collectChildren(n.Children, foreign, fallback, false)
	case *tree.ViewTransition:
		saved := w.tc
		if n.Name == "" || n.Name == "auto" {
			w.tc = w.tc.push(1, 0) // as viewTransitionNode
		}
		w.collectChildren(n.Children, foreign|inViewTransition, fallback, false)
		w.tc = saved
	case *tree.Boundary:
		if n.Ready() && n.Err == nil {
			w.collectChildren(n.Children, foreign, fallback, false)
		} else {
			w.collect(n.Fallback, foreign, true)
		}
	case *tree.ClientRef:
		switch {
		case n.SSR != nil:
			w.collect(n.SSR, foreign, fallback)
		case w.willRender(n) && foreign&inViewTransition == 0:
			if w.renderClient(n, foreign&inSVG != 0, fallback) {
				return
			}
			w.collect(n.Fallback, foreign, true) // it failed: its boundary's fallback is written
		default:
			// A client-rendered boundary: its fallback is written.
			w.collect(n.Fallback, foreign, true)
		}
	case *tree.Element:
		if n.HoistFree() {
			return // nothing to hoist, preload or server-render in it
		}
		if foreign&^inViewTransition == 0 {
			if kind, ok := w.hoistElement(n, fallback); ok {
				w.hoist.skip[n] = kind
				return
			}
		}
		f := foreign &^ inViewTransition // a host element's children are out of it
		switch n.Tag {
		case "svg":
			f |= inSVG
		case "foreignObject":
			f &^= inSVG // HTML again
		case "noscript":
			f |= inNoscript
		}
		if n.Tag == "img" && foreign&inNoscript == 0 {
			w.imagePreload(n)
		}
		w.collectChildren(n.Children(), f, fallback, n.Tag == "picture")
	}
}

// collectChildren collects a list of children, each in its tree context
// (as the writer's children) when client components are server-rendered.
// In a <picture> (picture) the <img>s are skipped: React preloads none.
func (w *writer) collectChildren(ns []tree.Node, foreign hoistScope, fallback, picture bool) {
	track := len(ns) > 1 && w.opts.RenderClient != nil
	saved, tc := w.tc, w.tc
	if track {
		tc = saved.push(len(ns), 0)
	}
	for i, c := range ns {
		if img, ok := c.(*tree.Element); picture && ok && img != nil && img.Tag == "img" {
			continue
		}
		if track {
			w.tc = tc.sibling(i)
		}
		w.collect(c, foreign, fallback)
	}
	w.tc = saved
}

func attrValue(el *tree.Element, name string) (any, bool) {
	for _, a := range el.Attrs() {
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
// its preamble bucket (or drops it, in a fallback) and says what it leaves
// in place.
func (w *writer) hoistElement(el *tree.Element, fallback bool) (skipKind, bool) {
	if _, ok := attrValue(el, "itemProp"); ok {
		return 0, false
	}
	h := &w.hoist
	switch el.Tag {
	case "title":
		if fallback {
			return skipSilent, true
		}
		sub := &writer{r: w.r, opts: &Options{}}
		sub.b = append(sub.b, "<title"...)
		for _, a := range el.Attrs() {
			if a.Value != nil {
				sub.writeAttr(a.Name, a.Value)
			}
		}
		sub.b = append(sub.b, '>')
		if len(el.Children()) == 1 {
			if t, ok := textOf(el.Children()[0]); ok {
				sub.b = appendEscaped(sub.b, t)
			}
		}
		sub.b = append(sub.b, "</title>"...)
		h.rest = append(h.rest, sub.b...)
		return skipSilent, true
	case "meta":
		if fallback {
			return skipSeparated, true
		}
		html := w.render(el)
		switch {
		case hasAttr(el, "charSet"):
			h.charset = append(h.charset, html...)
		case attrText(el, "name") == "viewport":
			h.view = append(h.view, html...)
		default:
			h.rest = append(h.rest, html...)
		}
		return skipSeparated, true
	case "link":
		rel, relOK := attrValue(el, "rel")
		href, hrefOK := attrValue(el, "href")
		rs, relStr := rel.(string)
		hs, hrefStr := href.(string)
		if !relOK || !relStr || !hrefOK || !hrefStr || hs == "" {
			return 0, false // React writes such a link in place
		}
		if rs != "stylesheet" {
			if !fallback {
				h.rest = append(h.rest, w.render(el)...)
			}
			return skipSeparated, true
		}
		prec, ok := attrValue(el, "precedence")
		ps, isStr := prec.(string)
		if !ok || !isStr || hasAttr(el, "disabled") {
			return 0, false // React leaves a plain stylesheet link in place
		}
		if !h.once("style|" + hs) {
			return skipSeparated, true
		}
		sub := &writer{r: w.r, opts: &Options{}}
		sub.b = append(sub.b, "<link"...)
		for _, a := range el.Attrs() {
			if a.Value != nil && a.Name != "precedence" {
				sub.writeAttr(a.Name, a.Value)
			}
		}
		sub.attr("data-precedence", ps)
		sub.b = append(sub.b, "/>"...)
		g := h.group(ps)
		g.sheets = append(g.sheets, sub.b...)
		g.hasSheets = true
		h.lateSheets = append(h.lateSheets, lateSheet{el, ps})
		return skipSeparated, true
	case "script":
		src, _ := attrValue(el, "src")
		ss, ok := src.(string)
		async, _ := attrValue(el, "async")
		if !ok || ss == "" || !truthy(async) {
			return 0, false
		}
		if _, isAction := async.(tree.ActionRef); isAction {
			return 0, false // a function: React writes the script in place
		}
		key := "script|" + ss
		if attrText(el, "type") == "module" {
			key = "module|" + ss
		}
		if h.once(key) {
			h.scripts = append(h.scripts, w.render(el)...)
		}
		return skipSeparated, true
	case "style":
		prec, _ := attrValue(el, "precedence")
		href, _ := attrValue(el, "href")
		ps, ok1 := prec.(string)
		hs, ok2 := href.(string)
		if !ok1 || !ok2 || hs == "" {
			return 0, false
		}
		if !h.once("style|" + hs) {
			return skipSeparated, true
		}
		g := h.group(ps)
		if !slices.Contains(h.styleOrder, g) {
			h.styleOrder = append(h.styleOrder, g)
		}
		g.hrefs = append(g.hrefs, hs)
		if v, ok := attrValue(el, "dangerouslySetInnerHTML"); ok {
			if s, ok := v.(string); ok {
				g.rules = append(g.rules, s...)
			}
		} else if len(el.Children()) == 1 {
			// React writes a single child only.
			if s, ok := textOf(el.Children()[0]); ok {
				g.rules = appendRawText(g.rules, "style", s)
			}
		}
		return skipSeparated, true
	}
	return 0, false
}

// textOf returns the text of a text node.
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
func (w *writer) imagePreload(el *tree.Element) {
	if attrText(el, "loading") == "lazy" || attrText(el, "fetchPriority") == "low" {
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
		sub.writeAttr("href", srcS) // a javascript: URL is blocked, as in place
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
	for _, c := range html.Children() {
		if el, ok := c.(*tree.Element); ok && el != nil && el.Tag == "head" {
			return true
		}
	}
	return false
}
