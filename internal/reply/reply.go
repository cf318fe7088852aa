// Package reply decodes what the browser sends to server actions: bodies
// written by React's encodeReply (a JSON string, or multipart FormData with
// numbered parts), and plain HTML form posts made without JavaScript
// (doc/wire.md §3.2–§3.5). Every input is hostile: decoding keeps to
// budgets, walks only the decoded JSON's own keys, and never resolves
// anything by a name taken from the input.
package reply

import (
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// Limits are the budgets of one decode. Zero fields take their defaults.
type Limits struct {
	MaxDepth     int // nesting of the decoded value, across references; default 64
	MaxParts     int // numbered parts referenced, default 1000
	MaxNodes     int // values produced, counted after references are expanded; default 100,000
	MaxBytes     int // bytes of strings, BigInt digits and typed arrays, counted after references are expanded; default 16 MB
	MaxString    int // longest single string value, in bytes; default 1 MB
	MaxBigDigits int // default 300
	MaxBound     int // bound arguments of a server reference, default 1000
}

func (l Limits) withDefaults() Limits {
	if l.MaxDepth <= 0 {
		l.MaxDepth = 64
	}
	if l.MaxParts <= 0 {
		l.MaxParts = 1000
	}
	if l.MaxNodes <= 0 {
		l.MaxNodes = 100_000
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = 16 << 20
	}
	if l.MaxString <= 0 {
		l.MaxString = 1 << 20
	}
	if l.MaxBigDigits <= 0 {
		l.MaxBigDigits = 300
	}
	if l.MaxBound <= 0 {
		l.MaxBound = 1000
	}
	return l
}

// Error is a decoding failure; the message says what was wrong and where.
type Error struct {
	Path string // "0.1.title" style location, may be empty
	Msg  string
}

func (e *Error) Error() string {
	if e.Path == "" {
		return "gorsc: action arguments: " + e.Msg
	}
	return "gorsc: action arguments at " + e.Path + ": " + e.Msg
}

// Undefined is JavaScript's undefined.
type Undefined struct{}

// ServerRef is a server reference found in a reply: an action id and its
// bound arguments.
type ServerRef struct {
	ID    string
	Bound []any
}

// Body is a request body: the string fields and files of a multipart body,
// or one field "0" for a string body.
type Body struct {
	Fields []Entry
	temp   []string // temporary files of large uploads
}

// Decoder decodes one reply.
type Decoder struct {
	body   *Body
	prefix string // field-name prefix for $ACTION_n: replies
	lim    Limits
	nodes  int // values produced, after expansion
	bytes  int // string/BigInt/byte bytes produced, after expansion

	indexed bool
	strs    map[int]string   // numbered string parts by id
	files   map[int]*File    // numbered file parts by id
	forms   map[int][]Entry  // "_<id>_<name>" fields by id
	streams map[int][]string // "S<id>" fields: the items of stream id, in order
	parts   map[int]*partRec // parts parsed so far
	used    map[int]bool     // parts consumed by a Map, Set, Iterator, Blob, typed array or stream
	nstream int              // streams decoded

	filling []uintptr // containers being filled (fill), innermost last
	walking []uintptr // containers on the path of the current walk

	// The position being decoded as React's decoder names it for
	// temporary references: the part id in hex, then keys ("0:1:item").
	// refs holds the segments of every part being revived; the current
	// part's start at refBase. refBroken counts segments React does not
	// name (keys holding ':'); noName marks a part with no name at all
	// (a stream item).
	refs      []string
	refBase   int
	refBroken int
	noName    bool
}

type refState struct {
	base, broken int
	noName       bool
}

// beginRef starts the names of a part's positions; name "" means it has
// none.
func (d *Decoder) beginRef(name string) refState {
	st := refState{d.refBase, d.refBroken, d.noName}
	d.refBase, d.refBroken, d.noName = len(d.refs), 0, name == ""
	d.refs = append(d.refs, name)
	return st
}

func (d *Decoder) endRef(st refState) {
	d.refs = d.refs[:d.refBase]
	d.refBase, d.refBroken, d.noName = st.base, st.broken, st.noName
}

func (d *Decoder) pushRef(key string, isIndex bool) {
	if !isIndex && strings.IndexByte(key, ':') >= 0 {
		d.refBroken++
	}
	d.refs = append(d.refs, key)
}

func (d *Decoder) popRef(key string, isIndex bool) {
	if !isIndex && strings.IndexByte(key, ':') >= 0 {
		d.refBroken--
	}
	d.refs = d.refs[:len(d.refs)-1]
}

// ref returns the name of the current position, or "" when React gives
// it none.
func (d *Decoder) ref() string {
	if d.noName || d.refBroken > 0 {
		return ""
	}
	return strings.Join(d.refs[d.refBase:], ":")
}

// partRec is one numbered JSON part. Its state moves from parsed to
// active (being revived) to done; top is the container being filled while
// active, so that path references to earlier siblings (encodeReply's
// dedupe, "$0:0") resolve.
type partRec struct {
	raw   any
	val   any
	state int
	top   any
}

const (
	parsed = iota
	active
	done
)

// pending fills the slots of an array that are not revived yet. A path
// reference that lands on it is a cycle or a forward reference.
type pendingSlot struct{}

var pending any = &pendingSlot{}

// DecodeArgs decodes an action call's arguments: the root part "0" must
// be an array.
func DecodeArgs(body *Body, lim Limits) ([]any, error) {
	d := &Decoder{body: body, lim: lim.withDefaults()}
	v, err := d.partValue(0, "0", 0)
	if err != nil {
		return nil, err
	}
	args, ok := v.([]any)
	if !ok {
		return nil, &Error{Path: "0", Msg: fmt.Sprintf("the arguments must be an array, got %s", typeName(v))}
	}
	return args, nil
}

// DecodeValue decodes the root of a reply whose fields carry prefix (as in
// the $ACTION_<n>: fields of a bound form action).
func DecodeValue(body *Body, prefix string, lim Limits) (any, error) {
	d := &Decoder{body: body, prefix: prefix, lim: lim.withDefaults()}
	return d.partValue(0, "0", 0)
}

// index sorts the body's fields under the decoder's prefix into numbered
// string parts, numbered file parts and FormData fields "_<id>_<name>".
// Field names carry part ids in decimal while references carry them in
// hex, as encodeReply writes them.
func (d *Decoder) index() {
	d.indexed = true
	d.strs, d.files, d.forms = map[int]string{}, map[int]*File{}, map[int][]Entry{}
	for _, e := range d.body.Fields {
		name, ok := strings.CutPrefix(e.Name, d.prefix)
		if !ok {
			continue
		}
		if rest, ok := strings.CutPrefix(name, "S"); ok && e.File == nil {
			// One field per item of a stream or async iterable, in order.
			if id, ok := decimalID(rest); ok {
				if d.streams == nil {
					d.streams = map[int][]string{}
				}
				d.streams[id] = append(d.streams[id], e.Value)
			}
			continue
		}
		if rest, ok := strings.CutPrefix(name, "_"); ok {
			num, field, ok := strings.Cut(rest, "_")
			id, isNum := decimalID(num)
			if !ok || !isNum || strings.HasPrefix(field, "$ACTION_") {
				continue
			}
			e.Name = field
			d.forms[id] = append(d.forms[id], e)
			continue
		}
		id, ok := decimalID(name)
		if !ok {
			continue
		}
		if e.File != nil {
			if _, dup := d.files[id]; !dup {
				d.files[id] = e.File
			}
		} else if _, dup := d.strs[id]; !dup {
			d.strs[id] = e.Value
		}
	}
}

// decimalID parses a canonical decimal part id ("0", "17"; not "017").
func decimalID(s string) (int, bool) {
	if s == "" || len(s) > 8 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// load returns the parsed part id, parsing it on first use.
func (d *Decoder) load(id int, path string) (*partRec, error) {
	if p, ok := d.parts[id]; ok {
		return p, nil
	}
	if !d.indexed {
		d.index()
	}
	if d.parts == nil {
		d.parts = map[int]*partRec{}
	}
	if len(d.parts) >= d.lim.MaxParts {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("more than %d parts", d.lim.MaxParts)}
	}
	s, ok := d.strs[id]
	if !ok {
		if _, isFile := d.files[id]; isFile {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("part %x is a file, not a value", id)}
		}
		return nil, &Error{Path: path, Msg: fmt.Sprintf("part %x is missing", id)}
	}
	raw, err := parseJSON(s, d.lim.MaxDepth, d.lim.MaxNodes-d.nodes)
	if err == errTooManyValues {
		return nil, d.charge(path, d.lim.MaxNodes+1, 0)
	}
	if err != nil {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("part %x: %v", id, err)}
	}
	p := &partRec{raw: raw}
	d.parts[id] = p
	return p, nil
}

// partValue returns the revived value of part id, referenced at depth.
// A part used a second time is counted again against the budgets, so
// aliases cannot multiply the work without limit.
func (d *Decoder) partValue(id int, path string, depth int) (any, error) {
	p, err := d.load(id, path)
	if err != nil {
		return nil, err
	}
	switch p.state {
	case active:
		return nil, &Error{Path: path, Msg: fmt.Sprintf("part %x refers to itself (cyclic reference)", id)}
	case done:
		if err := d.walk(p.val, path, depth); err != nil {
			return nil, err
		}
		return p.val, nil
	}
	return d.revivePart(id, p, path, depth)
}

func (d *Decoder) revivePart(id int, p *partRec, path string, depth int) (any, error) {
	p.state = active
	st := d.beginRef(strconv.FormatInt(int64(id), 16))
	v, err := d.revive(p.raw, path, depth, p)
	d.endRef(st)
	if err != nil {
		return nil, err
	}
	p.state, p.val, p.raw, p.top = done, v, nil, nil
	return v, nil
}

// rawObject is a parsed JSON object with its keys in document order:
// encodeReply's path references point backwards in that order.
type rawObject struct {
	keys []string
	vals []any
}

// charge counts nodes values and n bytes against the budgets.
func (d *Decoder) charge(path string, nodes, n int) error {
	d.nodes += nodes
	d.bytes += n
	if d.nodes > d.lim.MaxNodes {
		return &Error{Path: path, Msg: fmt.Sprintf("more than %d values (references included)", d.lim.MaxNodes)}
	}
	if d.bytes > d.lim.MaxBytes {
		return &Error{Path: path, Msg: fmt.Sprintf("more than %d bytes of strings and data (references included)", d.lim.MaxBytes)}
	}
	return nil
}

func (d *Decoder) tooDeep(path string) error {
	return &Error{Path: path, Msg: fmt.Sprintf("nested deeper than %d", d.lim.MaxDepth)}
}

// revive turns parsed JSON into decoded values. top is the part whose
// root this is, or nil below the root.
func (d *Decoder) revive(v any, path string, depth int, top *partRec) (any, error) {
	if depth > d.lim.MaxDepth {
		return nil, d.tooDeep(path)
	}
	if err := d.charge(path, 1, 0); err != nil {
		return nil, err
	}
	switch v := v.(type) {
	case string:
		return d.str(v, path, depth)
	case json.Number:
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil {
			return nil, &Error{Path: path, Msg: "number out of range: " + truncate(string(v))}
		}
		return f, nil
	case []any, *rawObject:
		out := newContainer(v)
		if top != nil {
			top.top = out
		}
		return out, d.fill(out, v, path, depth)
	case bool, nil:
		return v, nil
	}
	return nil, &Error{Path: path, Msg: fmt.Sprintf("unexpected JSON value %T", v)}
}

// newContainer returns the empty array or object that parsed JSON raw
// decodes to, or nil for other values. A container is put in its parent
// before it is filled, so that a path reference inside it can name it or
// an ancestor: that is how encodeReply sends a value that contains itself.
func newContainer(raw any) any {
	switch v := raw.(type) {
	case []any:
		out := make([]any, len(v))
		for i := range out {
			out[i] = pending
		}
		return out
	case *rawObject:
		return make(map[string]any, len(v.keys))
	}
	return nil
}

// fill revives the children of raw into out, made by newContainer.
func (d *Decoder) fill(out, raw any, path string, depth int) error {
	if id := containerID(out); id != 0 {
		d.filling = append(d.filling, id)
		defer func() { d.filling = d.filling[:len(d.filling)-1] }()
	}
	switch v := raw.(type) {
	case []any:
		arr := out.([]any)
		for i, x := range v {
			k := strconv.Itoa(i)
			cpath := path + "." + k
			if c := newContainer(x); c != nil {
				if err := d.enter(cpath, depth+1); err != nil {
					return err
				}
				arr[i] = c
				d.pushRef(k, true)
				err := d.fill(c, x, cpath, depth+1)
				d.popRef(k, true)
				if err != nil {
					return err
				}
				continue
			}
			d.pushRef(k, true)
			r, err := d.revive(x, cpath, depth+1, nil)
			d.popRef(k, true)
			if err != nil {
				return err
			}
			arr[i] = r
		}
	case *rawObject:
		obj := out.(map[string]any)
		for i, k := range v.keys {
			if k == "__proto__" {
				continue
			}
			x := v.vals[i]
			cpath := path + "." + k
			if c := newContainer(x); c != nil {
				if err := d.enter(cpath, depth+1); err != nil {
					return err
				}
				obj[k] = c
				d.pushRef(k, false)
				err := d.fill(c, x, cpath, depth+1)
				d.popRef(k, false)
				if err != nil {
					return err
				}
				continue
			}
			d.pushRef(k, false)
			r, err := d.revive(x, cpath, depth+1, nil)
			d.popRef(k, false)
			if err != nil {
				return err
			}
			if _, undef := r.(Undefined); undef {
				delete(obj, k) // "$undefined" as a property deletes the key
				continue
			}
			if _, isRef := r.(*ServerRef); isRef && k == "then" {
				r = nil // as React: a server reference is never a "then"
			}
			obj[k] = r
		}
	}
	return nil
}

// enter counts a container about to be filled at depth, as revive counts
// every value.
func (d *Decoder) enter(path string, depth int) error {
	if depth > d.lim.MaxDepth {
		return d.tooDeep(path)
	}
	return d.charge(path, 1, 0)
}

func (d *Decoder) str(s, path string, depth int) (any, error) {
	if len(s) > d.lim.MaxString {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("string longer than %d bytes", d.lim.MaxString)}
	}
	if len(s) == 0 || s[0] != '$' {
		return s, d.charge(path, 0, len(s))
	}
	if len(s) == 1 {
		return nil, &Error{Path: path, Msg: `"$" alone is not a value`}
	}
	rest := s[2:]
	switch s[1] {
	case '$':
		return s[1:], d.charge(path, 0, len(s)-1)
	case 'u':
		if s == "$undefined" {
			return Undefined{}, nil
		}
	case 'N':
		if s == "$NaN" {
			return math.NaN(), nil
		}
	case 'I':
		if s == "$Infinity" {
			return math.Inf(1), nil
		}
	case '-':
		switch s {
		case "$-Infinity":
			return math.Inf(-1), nil
		case "$-0":
			return math.Copysign(0, -1), nil
		}
	case 'D':
		t, ok := parseDate(rest)
		if !ok {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid date %q", truncate(rest))}
		}
		return t, nil
	case 'n':
		if len(rest) > d.lim.MaxBigDigits {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("BigInt longer than %d digits", d.lim.MaxBigDigits)}
		}
		n, ok := new(big.Int).SetString(rest, 10)
		if !ok {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid BigInt %q", truncate(rest))}
		}
		return n, d.charge(path, 0, len(rest))
	case 'K':
		id, err := hexID(rest, path)
		if err != nil {
			return nil, err
		}
		return d.formData(id, path)
	case '@':
		id, err := hexID(rest, path)
		if err != nil {
			return nil, err
		}
		return d.partValue(id, path, depth)
	case 'h':
		return d.serverRef(rest, path, depth)
	case 'Q', 'W', 'i':
		return d.collection(s[1], rest, path, depth)
	case 'B':
		id, err := hexID(rest, path)
		if err != nil {
			return nil, err
		}
		f, err := d.filePart(id, "Blob", path)
		if err != nil {
			return nil, err
		}
		return f, nil
	case 'T':
		if s != "$T" {
			break
		}
		ref := d.ref()
		if ref == "" {
			return nil, &Error{Path: path, Msg: "a temporary reference ($T) where it cannot be named (under a key holding ':' or in a stream item)"}
		}
		return &TemporaryReference{id: ref}, nil
	case 'R', 'r', 'X', 'x':
		return d.stream(s[1], rest, path, depth)
	}
	if tag, ok := typedArrayTags[s[1]]; ok {
		id, err := hexID(rest, path)
		if err != nil {
			return nil, err
		}
		f, err := d.filePart(id, tag.name, path)
		if err != nil {
			return nil, err
		}
		if f.Size()%int64(tag.size) != 0 {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("%s of %d bytes is not a whole number of elements", tag.name, f.Size())}
		}
		if err := d.charge(path, 0, int(min(f.Size(), int64(d.lim.MaxBytes)+1))); err != nil {
			return nil, err
		}
		data, err := f.Bytes()
		if err != nil {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("reading %s part %x: %v", tag.name, id, err)}
		}
		return &TypedArray{Type: tag.name, Data: data}, nil
	}
	if c := s[1]; (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') {
		return d.reference(s[1:], path, depth)
	}
	return nil, &Error{Path: path, Msg: fmt.Sprintf("unsupported value %q", truncate(s))}
}

// parseDate parses Date.prototype.toISOString output, including the
// expanded years (±YYYYYY) of dates outside 0000–9999.
func parseDate(s string) (time.Time, bool) {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		if len(s) < 8 || s[7] != '-' {
			return time.Time{}, false
		}
		y, ok := decimalID(strings.TrimLeft(s[1:7], "0"))
		if s[1:7] == "000000" {
			y, ok = 0, true
		}
		if !ok {
			return time.Time{}, false
		}
		if s[0] == '-' {
			y = -y
		}
		t, err := time.Parse(time.RFC3339Nano, "2000"+s[7:]) // 2000 is a leap year
		if err != nil {
			return time.Time{}, false
		}
		r := time.Date(y, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
		if r.Day() != t.Day() {
			return time.Time{}, false // Feb 29 of a year that has none
		}
		return r.UTC(), true
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

// reference resolves "$<hex>" and "$<hex>:key:key" path references. Only
// own keys of decoded objects and indexes of arrays are walked; a path
// may point back into the part being decoded (encodeReply's dedupe), but
// only at values already complete, so cycles cannot form.
func (d *Decoder) reference(ref, path string, depth int) (any, error) {
	segs := strings.Split(ref, ":")
	if len(segs) > d.lim.MaxDepth+1 {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("reference path longer than %d", d.lim.MaxDepth)}
	}
	id, err := hexID(segs[0], path)
	if err != nil {
		return nil, err
	}
	p, err := d.load(id, path)
	if err != nil {
		return nil, err
	}
	var v any
	fresh := false
	switch p.state {
	case done:
		v = p.val
	case active:
		// The part is being decoded: the reference names a container
		// already in place (an ancestor, for a value that contains
		// itself, or an earlier sibling, for encodeReply's dedupe).
		if p.top == nil {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("reference %q refers to a value that contains it (cyclic reference)", truncate(ref))}
		}
		v = p.top
	default:
		if v, err = d.revivePart(id, p, path, depth); err != nil {
			return nil, err
		}
		fresh = true
	}
	for _, k := range segs[1:] {
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[k]
			if !ok {
				return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid reference %q: no key %q (or a cyclic reference)", truncate(ref), truncate(k))}
			}
			v = next
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) || strconv.Itoa(i) != k {
				return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid reference %q: no index %q", truncate(ref), truncate(k))}
			}
			v = x[i]
			if v == pending {
				return nil, &Error{Path: path, Msg: fmt.Sprintf("reference %q refers to a value not decoded yet (cyclic or forward reference)", truncate(ref))}
			}
		default:
			return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid reference %q: only plain objects and arrays can be walked", truncate(ref))}
		}
	}
	if !fresh || len(segs) > 1 {
		if err := d.walk(v, path, depth); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// walk counts an aliased value against the budgets, as if it were
// written out again where it is referenced. A container still being
// filled, or already on the walk's path (a value that contains itself),
// counts once and is not entered, so the walk ends; every other step is
// charged, so it ends within the budget.
func (d *Decoder) walk(v any, path string, depth int) error {
	if depth > d.lim.MaxDepth {
		return d.tooDeep(path)
	}
	if id := containerID(v); id != 0 {
		if slices.Contains(d.filling, id) || slices.Contains(d.walking, id) {
			return d.charge(path, 1, 0)
		}
		d.walking = append(d.walking, id)
		defer func() { d.walking = d.walking[:len(d.walking)-1] }()
	}
	n := 0
	switch x := v.(type) {
	case string:
		n = len(x)
	case *big.Int:
		n = x.BitLen()/3 + 1
	case *TypedArray:
		n = len(x.Data)
	case *FormData:
		if err := d.charge(path, len(x.entries), 0); err != nil {
			return err
		}
	}
	if err := d.charge(path, 1, n); err != nil {
		return err
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if err := d.walk(e, path, depth+1); err != nil {
				return err
			}
		}
	case map[string]any:
		for _, e := range x {
			if err := d.walk(e, path, depth+1); err != nil {
				return err
			}
		}
	case *Map:
		for _, e := range x.Entries {
			if err := d.walk(e.Key, path, depth+1); err != nil {
				return err
			}
			if err := d.walk(e.Value, path, depth+1); err != nil {
				return err
			}
		}
	case *Set:
		for _, e := range x.Values {
			if err := d.walk(e, path, depth+1); err != nil {
				return err
			}
		}
	case *ServerRef:
		for _, e := range x.Bound {
			if err := d.walk(e, path, depth+1); err != nil {
				return err
			}
		}
	case *Stream:
		for _, e := range x.Items {
			if err := d.walk(e, path, depth+1); err != nil {
				return err
			}
		}
		if err := d.walk(x.Return, path, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// containerID is the identity of a decoded array or object, 0 for other
// values (and for an empty array, which cannot contain anything).
func containerID(v any) uintptr {
	switch x := v.(type) {
	case map[string]any:
		return uintptr(reflect.ValueOf(x).UnsafePointer())
	case []any:
		if len(x) == 0 {
			return 0
		}
		return uintptr(unsafe.Pointer(unsafe.SliceData(x)))
	}
	return 0
}

// consume marks part id as used by an initializer; each part may
// initialise one Map, Set, Iterator, Blob or typed array only.
func (d *Decoder) consume(id int, kind, path string) error {
	if d.used == nil {
		d.used = map[int]bool{}
	}
	if d.used[id] {
		return &Error{Path: path, Msg: fmt.Sprintf("part %x is already used (%s initialised twice)", id, kind)}
	}
	d.used[id] = true
	return nil
}

// collection decodes "$Q<id>" (Map), "$W<id>" (Set) and "$i<id>"
// (iterator, decoded as its values) from the array in part id.
func (d *Decoder) collection(tag byte, rest, path string, depth int) (any, error) {
	kind := map[byte]string{'Q': "Map", 'W': "Set", 'i': "Iterator"}[tag]
	id, err := hexID(rest, path)
	if err != nil {
		return nil, err
	}
	if err := d.consume(id, kind, path); err != nil {
		return nil, err
	}
	v, err := d.partValue(id, path, depth)
	if err != nil {
		return nil, err
	}
	arr, ok := v.([]any)
	if !ok {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid %s: part %x is %s, not an array", kind, id, typeName(v))}
	}
	switch tag {
	case 'Q':
		m := &Map{Entries: make([]MapEntry, len(arr))}
		for i, e := range arr {
			kv, ok := e.([]any)
			if !ok || len(kv) != 2 {
				return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid Map: entry %d is not a [key, value] pair", i)}
			}
			m.Entries[i] = MapEntry{Key: kv[0], Value: kv[1]}
		}
		return m, nil
	case 'W':
		return &Set{Values: slices.Clone(arr)}, nil
	}
	return slices.Clone(arr), nil
}

// filePart returns the file part id for a Blob or typed array.
func (d *Decoder) filePart(id int, kind, path string) (*File, error) {
	if !d.indexed {
		d.index()
	}
	f, ok := d.files[id]
	if !ok {
		if _, isStr := d.strs[id]; isStr {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("referenced %s part %x is not a file", kind, id)}
		}
		return nil, &Error{Path: path, Msg: fmt.Sprintf("%s part %x is missing", kind, id)}
	}
	if err := d.consume(id, kind, path); err != nil {
		return nil, err
	}
	return f, nil
}

// formData collects the fields "_<id>_<name>" of the body. Fields whose
// name starts with "$ACTION_" are the progressive-enhancement inputs gorsc
// writes into forms; they are not user data and are dropped.
func (d *Decoder) formData(id int, path string) (*FormData, error) {
	if !d.indexed {
		d.index()
	}
	entries := d.forms[id]
	if err := d.charge(path, len(entries), 0); err != nil {
		return nil, err
	}
	return &FormData{entries: slices.Clone(entries)}, nil
}

func (d *Decoder) serverRef(ref, path string, depth int) (any, error) {
	v, err := d.reference(ref, path, depth)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, &Error{Path: path, Msg: "server reference is not an object"}
	}
	sid, ok := m["id"].(string)
	if !ok {
		return nil, &Error{Path: path, Msg: "server reference has no string id"}
	}
	sr := &ServerRef{ID: sid}
	switch b := m["bound"].(type) {
	case nil:
	case []any:
		if len(b) > d.lim.MaxBound {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("more than %d bound arguments", d.lim.MaxBound)}
		}
		sr.Bound = b
	default:
		return nil, &Error{Path: path, Msg: "server reference bound arguments are not an array"}
	}
	return sr, nil
}

func hexID(s, path string) (int, error) {
	if s == "" || len(s) > 6 {
		return 0, &Error{Path: path, Msg: fmt.Sprintf("invalid part id %q", truncate(s))}
	}
	n, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return 0, &Error{Path: path, Msg: fmt.Sprintf("invalid part id %q", truncate(s))}
	}
	return int(n), nil
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	case *FormData:
		return "FormData"
	case time.Time:
		return "a Date"
	case *big.Int:
		return "a BigInt"
	case Undefined:
		return "undefined"
	case *ServerRef:
		return "a server reference"
	case *Map:
		return "a Map"
	case *Set:
		return "a Set"
	case *File:
		return "a Blob"
	case *TypedArray:
		return "a typed array (" + v.(*TypedArray).Type + ")"
	case *Stream:
		return v.(*Stream).Kind.article()
	case *TemporaryReference:
		return "a temporary reference (a value only the caller can read)"
	}
	return fmt.Sprintf("%T", v)
}
