// Package domrows keeps a document from carrying its largest server-only
// subtrees twice.
//
// A first load sends every element twice: as HTML, to paint, and as the
// Flight rows inline after it, which React hydrates from (Next.js does the
// same; on the reference page of examples/bench the rows are 61% of the
// bytes). For a subtree of plain host elements, everything the rows say
// but a few keys is already in the HTML: tags, attribute values, texts and
// numbers. Split moves each such subtree of at least MinBytes out of the
// rows into a row of its own that is not sent; the document carries a
// Template of that row instead: its JSON text with the strings and numbers
// that the DOM holds left out. The browser runtime (domrows.ts) finds
// the element in the DOM, fills the template with its attribute values
// and texts in document order, checks what it filled in against Template.Hash and
// gives React the row, byte for byte what the server would have sent. When
// nothing in the DOM matches (an extension changed it before the runtime
// read it, or the HTML parser restructured it), the runtime reads the row
// from the page's Flight payload instead.
//
// Only documents use it: Flight answers (client navigations, actions)
// carry every row.
package domrows

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"math/bits"
	"slices"
	"strconv"
	"sync"
)

// MinBytes is the smallest subtree, in bytes of its JSON, that Split
// takes out of the rows: below it the template and the DOM search cost
// more than the bytes saved.
const MinBytes = 1024

// Template is a row the browser rebuilds from the DOM.
type Template struct {
	// ID is the row's id.
	ID int
	// Text is the row, "<id in hex>:" + JSON + "\n", with each string
	// that the DOM holds (an attribute value, a text child) replaced by
	// HoleString and each number child by HoleNumber, in document order.
	Text []byte
	// Hash is the CRC-32 (IEEE) of what fills the holes, each as the row
	// writes it (a JSON string with its quotes, or an integer) and
	// followed by a NUL byte, in UTF-8: the rest of the row is the
	// template's.
	Hash uint32
}

// The holes of a Template's text: bytes that JSON text never holds raw.
const (
	// HoleString takes a DOM string written as JSON, with Flight's "$"
	// escape (a string starting with "$" gets another).
	HoleString = '\x01'
	// HoleNumber takes a DOM text as it is (an integer).
	HoleNumber = '\x02'
)

// Split appends rows to dst with the subtrees that the HTML carries moved
// out, and returns the templates of the rows moved out (none: dst holds
// rows unchanged). rows are the Flight rows of a document's shell in
// production form (development rows are left as they are); newID gives
// each moved row its id, unused by the rows.
//
// A subtree qualifies when it is a host element in the page's HTML (under
// host elements, Suspense boundaries written in the shell, and gorsc's own
// transparent components: segment slots and error boundaries), of an
// allowed tag, whose props are string attributes of allowed names and
// whose children are such elements, non-empty texts and integers; see
// allowedTag and allowedProp.
func Split(dst, rows []byte, newID func() int) ([]byte, []Template) {
	out, _, templates := SplitInto(dst, nil, rows, newID)
	return out, templates
}

// SplitInto is Split with the templates' texts appended to texts (a
// buffer kept between requests, say), which it returns too: each
// Template.Text is a part of it.
func SplitInto(dst, texts, rows []byte, newID func() int) (out, textsOut []byte, templates []Template) {
	if len(rows) < MinBytes {
		return append(dst, rows...), texts, nil
	}
	if hasPathRef(rows) {
		// A reference into a row by its path ("$0:props:children:3",
		// React's dedupe of a repeated object) could lead into a subtree
		// moved out: leave such rows whole.
		return append(dst, rows...), texts, nil
	}
	w := walkers.Get().(*walker)
	defer w.release()
	w.b, w.newID, w.texts = rows, newID, texts
	w.scan()
	texts = w.texts
	if len(w.cuts) == 0 {
		return append(dst, rows...), texts, nil
	}
	// keep runs as each element ends: a cut inside a later sibling can
	// come before an earlier sibling's own.
	slices.SortFunc(w.cuts, func(a, b cut) int { return a.start - b.start })
	templates = make([]Template, 0, len(w.cuts))
	at := 0
	for _, c := range w.cuts {
		dst = append(dst, rows[at:c.start]...)
		dst = append(dst, `"$`...)
		dst = strconv.AppendInt(dst, int64(c.t.ID), 16)
		dst = append(dst, '"')
		at = c.end
		t := c.t
		t.Text = texts[c.text[0]:c.text[1]:c.text[1]] // texts grew while the cuts were made
		templates = append(templates, t)
	}
	return append(dst, rows[at:]...), texts, templates
}

var walkers = sync.Pool{New: func() any {
	return &walker{transparent: map[int]bool{}, suspense: map[int]bool{}, strs: map[int]string{}}
}}

// release gives w back to the pool, emptied, unless it grew large.
func (w *walker) release() {
	if cap(w.holes) > 1<<16 || cap(w.cands) > 1<<14 || cap(w.values) > 1<<20 {
		return
	}
	clear(w.transparent)
	clear(w.suspense)
	clear(w.strs)
	*w = walker{holes: w.holes[:0], values: w.values[:0], cands: w.cands[:0], cuts: w.cuts[:0], transparent: w.transparent, suspense: w.suspense, strs: w.strs}
	walkers.Put(w)
}

// hasPathRef reports whether rows hold a reference by path, "$<id>:…".
func hasPathRef(rows []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(rows[i:], '$')
		if j < 0 {
			return false
		}
		k := i + j + 1
		n := k
		for n < len(rows) && (rows[n] >= '0' && rows[n] <= '9' || rows[n] >= 'a' && rows[n] <= 'f') {
			n++
		}
		if n > k && n < len(rows) && rows[n] == ':' && k >= 2 && rows[k-2] == '"' {
			return true
		}
		i = k
	}
}

// hole is a string or number of the rows that the DOM holds,
// rows[start:end].
type hole struct {
	start, end int32
	number     bool
}

// cand is a qualifying subtree, rows[start:end], whose holes are
// walker.holes[from:to] while its parent is walked.
type cand struct {
	start, end int
	from, to   int
}

// cut is a subtree Split moves out, rows[start:end], as the template t.
type cut struct {
	start, end int
	t          Template // but its Text, which is at text in walker.texts
	text       [2]int
}

type walker struct {
	b           []byte
	newID       func() int
	texts       []byte // the templates' texts, one after the other
	holes       []hole
	values      []byte // the holes' texts, for the hash
	cands       []cand // a stack: each element's qualifying descendants above its mark
	cuts        []cut
	suspense    map[int]bool
	transparent map[int]bool // client references whose children are rendered in place
	strs        map[int]string
}

// template returns the template of rows[c.start:c.end] as row id.
func (w *walker) template(id int, c cand) (Template, [2]int) {
	t := w.texts
	start := len(t)
	t = strconv.AppendInt(t, int64(id), 16)
	t = append(t, ':')
	values := w.values[:0]
	at := c.start
	for _, hl := range w.holes[c.from:c.to] {
		t = append(t, w.b[at:hl.start]...)
		if hl.number {
			t = append(t, HoleNumber)
		} else {
			t = append(t, HoleString)
		}
		values = append(append(values, w.b[hl.start:hl.end]...), 0)
		at = int(hl.end)
	}
	t = append(t, w.b[at:c.end]...)
	t = append(t, '\n')
	w.values, w.texts = values, t
	return Template{ID: id, Hash: crc32.ChecksumIEEE(values)}, [2]int{start, len(t)}
}

// Hash returns what Template.Hash is for a row whose holes hold values,
// each as the row writes it (a JSON string with its quotes, or an
// integer).
func Hash(values ...string) uint32 {
	var b []byte
	for _, v := range values {
		b = append(append(b, v...), 0)
	}
	return crc32.ChecksumIEEE(b)
}

// scan reads the rows: what their imports and Suspense rows are, then
// the subtrees of each model row that qualify.
func (w *walker) scan() {
	type model struct{ start, end int }
	var models []model
	b := w.b
	for i := 0; i < len(b); {
		id, j, ok := hexID(b, i)
		if !ok {
			return // not rows as the encoder writes them: leave them
		}
		if j < len(b) && b[j] == 'T' { // text row: T<hex length>,<bytes>
			n, k, ok := hexID(b, j+1)
			if !ok || k >= len(b) || b[k] != ',' || k+1+n > len(b) {
				return
			}
			i = k + 1 + n
			continue
		}
		nl := bytes.IndexByte(b[j:], '\n')
		if nl < 0 {
			return
		}
		end := j + nl
		switch {
		case j < end && b[j] == '[':
			models = append(models, model{j, end})
		case j < end && b[j] == '"':
			w.strs[id] = string(b[j:end])
			if string(b[j:end]) == `"$Sreact.suspense"` {
				w.suspense[id] = true
			}
		case j+1 < end && b[j] == 'I' && b[j+1] == '[':
			w.importRow(id, b[j+1:end])
		}
		i = end + 1
	}
	for _, m := range models {
		if end, _, _ := w.child(m.start); end == m.end {
			w.keep(0)
		}
		w.holes, w.cands = w.holes[:0], w.cands[:0]
	}
}

// importRow notes an I row of gorsc's own segment slot or error boundary:
// ["<chunk path or $ref>",[chunks],"<export>"].
func (w *walker) importRow(id int, b []byte) {
	if len(b) < 2 || b[1] != '"' {
		return
	}
	end, _ := str(b, 1)
	if end < 0 {
		return
	}
	module := string(b[1:end])
	if len(module) > 3 && module[1] == '$' {
		if ref, err := strconv.ParseInt(module[2:len(module)-1], 16, 64); err == nil {
			module = w.strs[int(ref)]
		}
	}
	export := string(b[bytes.LastIndexByte(b, ',')+1:])
	switch {
	case bytes.Contains([]byte(module), []byte("/gorsc_segment")) && export == `"Slot"]`,
		bytes.Contains([]byte(module), []byte("/gorsc_error-boundary")) && export == `"ErrorBoundary"]`:
		w.transparent[id] = true
	}
}

// keep moves out the candidates above mark on the stack that have at
// least MinBytes, and pops them all.
func (w *walker) keep(mark int) {
	for _, c := range w.cands[mark:] {
		if c.end-c.start >= MinBytes {
			t, text := w.template(w.newID(), c)
			w.cuts = append(w.cuts, cut{start: c.start, end: c.end, t: t, text: text})
		}
	}
	w.cands = w.cands[:mark]
}

// What a subtree holds that makes the HTML parser close an element
// opened above it (the DOM would not nest as the rows do).
const (
	closesP uint8 = 1 << iota // an element whose start tag closes an open <p>
	hasA                      // an <a>
	hasLI                     // an <li> outside any list in the subtree
	hasDTDD                   // a <dt> or <dd> outside any <dl> in the subtree
)

// What the walk knows of a tag (tagInfo).
const (
	// allowed: the HTML parser turns the element into the same DOM
	// wherever it stands (no table parts, no elements with special
	// parsing or form state, nothing React hoists or preloads, no SVG or
	// MathML, no custom element).
	allowed uint8 = 1 << iota
	// opaque: its children are not elements of the document (template
	// contents, raw text) or may be moved by the parser.
	opaque
	// closer: its start tag closes an open <p>.
	closer
)

// Kinds of tag the nesting check knows (tagInfo's second byte).
const (
	isP uint8 = 1 + iota
	isA
	isLI
	isDTDD
	isList // <ul>, <ol>, <menu>: an <li> inside does not close an outer one
	isDL
)

// tagInfo returns what the walk knows of tag, in one lookup.
func tagInfo(tag []byte) uint16 {
	const a, c = uint16(allowed), uint16(closer)
	switch string(tag) {
	case "div", "section", "article", "aside", "header", "footer", "main", "nav", "address",
		"hgroup", "figure", "figcaption", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
		"hr", "search", "center":
		return a | c
	case "span", "a", "b", "i", "u", "s", "em", "strong", "small", "mark", "code", "kbd",
		"samp", "var", "sub", "sup", "abbr", "cite", "q", "dfn", "time", "data", "bdi", "bdo",
		"br", "wbr", "label", "del", "ins", "ruby", "rt", "rp", "legend":
		if string(tag) == "a" {
			return a | uint16(isA)<<8
		}
		return a
	case "p":
		return a | c | uint16(isP)<<8
	case "li":
		return a | c | uint16(isLI)<<8
	case "dt", "dd":
		return a | c | uint16(isDTDD)<<8
	case "ul", "ol", "menu":
		return a | c | uint16(isList)<<8
	case "dl":
		return a | c | uint16(isDL)<<8
	case "details", "dialog", "dir", "fieldset", "form", "summary", "table":
		return c
	case "pre", "listing", "plaintext", "xmp":
		return c | uint16(opaque)
	case "template", "noscript", "textarea", "title", "script", "style", "select", "svg",
		"math", "iframe", "object":
		return uint16(opaque)
	}
	return 0
}

// nest returns what an element of tag (info: tagInfo) holding mask adds
// to its parent's mask, and whether such an element nests as written.
func nest(info uint16, mask uint8) (uint8, bool) {
	nests := true
	switch kind := uint8(info >> 8); kind {
	case isP:
		nests = mask&closesP == 0
	case isA:
		nests = mask&hasA == 0
		mask |= hasA
	case isLI:
		nests = mask&hasLI == 0
		mask |= hasLI
	case isDTDD:
		nests = mask&hasDTDD == 0
		mask |= hasDTDD
	case isList:
		mask &^= hasLI
	case isDL:
		mask &^= hasDTDD
	}
	if uint8(info)&closer != 0 {
		mask |= closesP
	}
	return mask, nests
}

// child walks the child value at i (a text, a number, an element, an array
// of children, or anything else, which it skips). It returns the value's
// end (-1: not JSON as expected), whether the value qualifies (as part of
// a host element), and what it holds that matters to an enclosing <p>,
// <a>, <li>, <dt> or <dd> (tagMask); the qualifying elements in it that
// are not inside another are pushed on the stack w.cands.
func (w *walker) child(i int) (int, bool, uint8) {
	b := w.b
	if i >= len(b) {
		return -1, false, 0
	}
	switch c := b[i]; {
	case c == '"':
		end, plain := str(b, i)
		if end < 0 {
			return -1, false, 0
		}
		if !plain || end-i == 2 { // escapes the DOM might not keep; "" has no text node
			return end, false, 0
		}
		w.holes = append(w.holes, hole{start: int32(i), end: int32(end)})
		return end, true, 0
	case c == '-' || c >= '0' && c <= '9':
		end := i
		for end < len(b) && (b[end] == '-' || b[end] >= '0' && b[end] <= '9' || b[end] == '.' || b[end] == 'e' || b[end] == 'E' || b[end] == '+') {
			end++
		}
		if !integer(b[i:end]) {
			return end, false, 0
		}
		w.holes = append(w.holes, hole{start: int32(i), end: int32(end), number: true})
		return end, true, 0
	case c == 'n' || c == 't' || c == 'f': // null, true, false: no DOM node
		end := skip(b, i)
		return end, end > 0, 0
	case c == '[':
		if bytes.HasPrefix(b[i:], []byte(`["$",`)) {
			from := len(w.holes)
			end, ok, mask := w.element(i)
			if ok {
				w.cands = append(w.cands, cand{start: i, end: end, from: from, to: len(w.holes)})
			}
			return end, ok, mask
		}
		ok, mask := true, uint8(0)
		j := i + 1
		if j < len(b) && b[j] == ']' {
			return j + 1, true, 0
		}
		for {
			end, k, m := w.child(j)
			if end < 0 || end >= len(b) {
				return -1, false, 0
			}
			ok, mask = ok && k, mask|m
			j = end + 1
			if b[end] == ']' {
				break
			}
			if b[end] != ',' {
				return -1, false, 0
			}
		}
		return j, ok, mask
	default:
		return skip(b, i), false, 0
	}
}

// element walks the element at i, ["$",type,key,props]. It returns its
// end, whether it qualifies and its tagMask; when it does not qualify, the
// qualifying elements in it are kept as cuts and its holes dropped.
func (w *walker) element(i int) (int, bool, uint8) {
	b := w.b
	from := len(w.holes)
	// Rows not as the encoder writes them: the whole row is left as it
	// is (scan), so nothing needs to be read further.
	malformed := func() (int, bool, uint8) { return -1, false, 0 }
	j := i + len(`["$",`)
	typeEnd, _ := str(b, j)
	if typeEnd < 0 || typeEnd >= len(b) || b[typeEnd] != ',' {
		return malformed()
	}
	typ := b[j+1 : typeEnd-1]
	keyEnd := skip(b, typeEnd+1)
	if keyEnd < 0 || keyEnd+1 >= len(b) || b[keyEnd] != ',' || b[keyEnd+1] != '{' {
		return malformed()
	}
	// Whose children are in the DOM where the rows put them: a host
	// element's, a Suspense boundary's written in the shell (pending
	// ones have a lazy reference as children), and gorsc's own segment
	// slots' and error boundaries'.
	var host, inDOM bool
	var info uint16
	switch {
	case len(typ) == 0:
	case typ[0] != '$':
		info = tagInfo(typ)
		host, inDOM = uint8(info)&allowed != 0, uint8(info)&opaque == 0
	default:
		ref, lazy := typ[1:], false
		if len(ref) > 0 && ref[0] == 'L' {
			ref, lazy = ref[1:], true
		}
		if id, ok := parseHex(ref); ok {
			inDOM = lazy && w.transparent[id] || !lazy && w.suspense[id]
		}
	}
	ok := host
	mark := len(w.cands)
	var mask uint8
	k := keyEnd + 2 // after '{'
	if k < len(b) && b[k] == '}' {
		k++
	} else {
		sawChildren := false
		for {
			var nameEnd int
			switch {
			case bytes.HasPrefix(b[k:], []byte(`"className":`)):
				nameEnd = k + len(`"className"`)
			case bytes.HasPrefix(b[k:], []byte(`"children":`)):
				nameEnd = k + len(`"children"`)
			default:
				nameEnd, _ = str(b, k)
			}
			if nameEnd < 0 || nameEnd >= len(b) || b[nameEnd] != ':' {
				return malformed()
			}
			name := b[k+1 : nameEnd-1]
			v := nameEnd + 1
			var end int
			switch {
			case string(name) == "children" && inDOM:
				var kidsOK bool
				end, kidsOK, mask = w.child(v)
				ok = ok && kidsOK
				sawChildren = true
			case host && !sawChildren && v < len(b) && b[v] == '"' && allowedProp(name):
				var plain bool
				end, plain = str(b, v)
				if !plain || end < 0 || string(name) == "href" && !safeURL(b[v+1:end-1]) {
					ok = false
				} else {
					w.holes = append(w.holes, hole{start: int32(v), end: int32(end)})
				}
			default:
				end = skip(b, v)
				ok = false
			}
			if end < 0 || end >= len(b) {
				return malformed()
			}
			k = end + 1
			if b[end] == '}' {
				break
			}
			if b[end] != ',' {
				return malformed()
			}
		}
	}
	if k < len(b) && b[k] == ',' {
		// More than four entries (development rows: owner, stack,
		// validation): not written by the HTML alone.
		ok = false
		for k < len(b) && b[k] == ',' {
			if k = skip(b, k+1); k < 0 {
				return malformed()
			}
		}
	}
	if k >= len(b) || b[k] != ']' {
		return malformed()
	}
	if len(typ) > 0 && typ[0] != '$' {
		var nests bool
		mask, nests = nest(info, mask)
		ok = ok && nests
	}
	if ok {
		w.cands = w.cands[:mark] // inside this one
		return k + 1, true, mask
	}
	w.keep(mark)
	w.holes = w.holes[:from]
	return k + 1, false, mask
}

// str returns the end of the JSON string at i (after its quote), or -1,
// and whether its escapes are only those JavaScript's JSON.stringify
// writes the same way (\" \\ \n \t) and it is not a Flight reference (a
// "$" other than the "$$" escape).
func str(b []byte, i int) (end int, plain bool) {
	if i >= len(b) || b[i] != '"' {
		return -1, false
	}
	plain = i+1 >= len(b) || b[i+1] != '$' || i+2 < len(b) && b[i+2] == '$'
	j := i + 1
	// Eight bytes at a time while none is a quote or a backslash; then
	// straight to the first that may be one (the lowest flagged byte is
	// exact: borrows only run towards higher bytes).
	for ; j+8 <= len(b); j += 8 {
		v := binary.LittleEndian.Uint64(b[j:])
		x, y := v^(ones*'"'), v^(ones*'\\')
		if m := ((x-ones)&^x | (y-ones)&^y) & highs; m != 0 {
			j += bits.TrailingZeros64(m) / 8
			break
		}
	}
	for ; j < len(b); j++ {
		switch b[j] {
		case '"':
			return j + 1, plain
		case '\\':
			if j+1 >= len(b) {
				return -1, false
			}
			switch b[j+1] {
			case '"', '\\', 'n', 't':
			default:
				plain = false
			}
			j++
		}
	}
	return -1, false
}

const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// skip returns the end of the JSON value at i, or -1.
func skip(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		end, _ := str(b, i)
		return end
	case '[', '{':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end, _ := str(b, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '[', '{':
				depth++
			case ']', '}':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	default:
		j := i
		for j < len(b) && b[j] != ',' && b[j] != ']' && b[j] != '}' && b[j] != '\n' {
			j++
		}
		return j
	}
}

// hexID reads a row id, hex digits ended by ':' (or by ',' for a text
// row's length), and returns it and the index after the ':'.
func hexID(b []byte, i int) (id, next int, ok bool) {
	j := i
	for j < len(b) && (b[j] >= '0' && b[j] <= '9' || b[j] >= 'a' && b[j] <= 'f') {
		id = id*16 + int(unhex(b[j]))
		j++
		if j-i > 8 {
			return 0, 0, false
		}
	}
	if j == i || j >= len(b) {
		return 0, 0, false
	}
	if b[j] == ':' {
		return id, j + 1, true
	}
	if b[j] == ',' {
		return id, j, true
	}
	return 0, 0, false
}

// parseHex reads a whole row id in hex.
func parseHex(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 8 {
		return 0, false
	}
	id := 0
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return 0, false
		}
		id = id*16 + int(unhex(c))
	}
	return id, true
}

func unhex(c byte) byte {
	if c <= '9' {
		return c - '0'
	}
	return c - 'a' + 10
}

// integer reports whether n is an integer as JavaScript writes it both in
// JSON and as text: no fraction, no exponent, at most 15 digits.
func integer(n []byte) bool {
	if len(n) > 0 && n[0] == '-' {
		if n = n[1:]; len(n) == 1 && n[0] == '0' { // -0 is "0" as text
			return false
		}
	}
	if len(n) == 0 || len(n) > 15 || len(n) > 1 && n[0] == '0' {
		return false
	}
	for _, c := range n {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// allowedProp reports whether a prop of this name becomes exactly one
// attribute whose value is the prop's string, as React writes it.
func allowedProp(name []byte) bool {
	if string(name) == "className" {
		return true
	}
	switch string(name) {
	case "className", "htmlFor", "id", "title", "lang", "dir", "role", "href", "rel",
		"target", "name", "translate":
		return true
	}
	if len(name) > 5 && (string(name[:5]) == "data-" || string(name[:5]) == "aria-") {
		for _, c := range name[5:] {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
		return true
	}
	return false
}

// safeURL reports whether React writes an href of this value as it is:
// a relative URL, or http(s), mailto or tel (React replaces javascript:
// URLs), without spaces or controls React or the parser could change.
func safeURL(v []byte) bool {
	if len(v) == 0 {
		return false
	}
	for _, c := range v {
		if c <= ' ' || c == '\\' {
			return false
		}
	}
	colon := bytes.IndexByte(v, ':')
	if colon < 0 {
		return true
	}
	if slash := bytes.IndexAny(v, "/?#"); slash >= 0 && slash < colon {
		return true
	}
	switch string(bytes.ToLower(v[:colon])) {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}
