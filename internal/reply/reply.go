// Package reply decodes what the browser sends to server actions: bodies
// written by React's encodeReply (a JSON string, or multipart FormData with
// numbered parts), and plain HTML form posts made without JavaScript
// (flight-spec §3.2–§3.5). Every input is hostile: decoding keeps to
// budgets, walks only the decoded JSON's own keys, and never resolves
// anything by a name taken from the input.
package reply

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// Limits are the budgets of one decode.
type Limits struct {
	MaxDepth     int // JSON nesting, default 64
	MaxParts     int // numbered parts referenced, default 1000
	MaxNodes     int // values produced, counted after references are expanded; default 100,000
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
}

func (b *Body) get(name string) (string, bool) {
	for _, e := range b.Fields {
		if e.Name == name && e.File == nil {
			return e.Value, true
		}
	}
	return "", false
}

// Decoder decodes one reply.
type Decoder struct {
	body   *Body
	prefix string // field-name prefix for $ACTION_n: replies
	lim    Limits
	nodes  int
	parsed map[int]any  // parsed JSON of parts, before reviving
	done   map[int]any  // revived values of parts
	active map[int]bool // parts being revived (cycle guard)
}

// DecodeArgs decodes an action call's arguments: the root part "0" must
// be an array.
func DecodeArgs(body *Body, lim Limits) ([]any, error) {
	d := &Decoder{body: body, lim: lim.withDefaults()}
	v, err := d.part(0, "0")
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
	return d.part(0, "0")
}

func (d *Decoder) part(id int, path string) (any, error) {
	if v, ok := d.done[id]; ok {
		return v, nil
	}
	if d.active[id] {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("part %x refers to itself (cyclic reference)", id)}
	}
	if d.parsed == nil {
		d.parsed, d.done, d.active = map[int]any{}, map[int]any{}, map[int]bool{}
	}
	raw, ok := d.parsed[id]
	if !ok {
		if len(d.parsed) >= d.lim.MaxParts {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("more than %d parts", d.lim.MaxParts)}
		}
		s, ok := d.body.get(d.prefix + strconv.FormatInt(int64(id), 16))
		if !ok {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("part %x is missing", id)}
		}
		var err error
		if raw, err = parseJSON(s, d.lim.MaxDepth); err != nil {
			return nil, &Error{Path: path, Msg: err.Error()}
		}
		d.parsed[id] = raw
	}
	d.active[id] = true
	v, err := d.revive(raw, path, 0)
	delete(d.active, id)
	if err != nil {
		return nil, err
	}
	d.done[id] = v
	return v, nil
}

// parseJSON parses one JSON document, refusing nesting deeper than max
// before handing it to encoding/json.
func parseJSON(s string, max int) (any, error) {
	depth, inStr, esc := 0, false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr:
			if esc {
				esc = false
			} else if c == '\\' {
				esc = true
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '[' || c == '{':
			depth++
			if depth > max {
				return nil, fmt.Errorf("JSON nested deeper than %d", max)
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	if dec.More() {
		return nil, errors.New("invalid JSON: data after the value")
	}
	return v, nil
}

func (d *Decoder) count(path string) error {
	d.nodes++
	if d.nodes > d.lim.MaxNodes {
		return &Error{Path: path, Msg: fmt.Sprintf("more than %d values", d.lim.MaxNodes)}
	}
	return nil
}

func (d *Decoder) revive(v any, path string, depth int) (any, error) {
	if err := d.count(path); err != nil {
		return nil, err
	}
	if depth > d.lim.MaxDepth {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("nested deeper than %d", d.lim.MaxDepth)}
	}
	switch v := v.(type) {
	case string:
		return d.str(v, path, depth)
	case json.Number:
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil {
			return nil, &Error{Path: path, Msg: "number out of range: " + string(v)}
		}
		return f, nil
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			r, err := d.revive(x, path+"."+strconv.Itoa(i), depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = r
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			if k == "__proto__" {
				continue
			}
			r, err := d.revive(x, path+"."+k, depth+1)
			if err != nil {
				return nil, err
			}
			if _, undef := r.(Undefined); undef {
				continue // "$undefined" as a property deletes the key
			}
			out[k] = r
		}
		return out, nil
	}
	return v, nil // bool, nil
}

func (d *Decoder) str(s, path string, depth int) (any, error) {
	if len(s) == 0 || s[0] != '$' {
		return s, nil
	}
	if len(s) == 1 {
		return nil, &Error{Path: path, Msg: `"$" alone is not a value`}
	}
	rest := s[2:]
	switch s[1] {
	case '$':
		return s[1:], nil
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
		t, err := time.Parse(time.RFC3339Nano, rest)
		if err != nil {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid date %q", rest)}
		}
		return t, nil
	case 'n':
		if len(rest) > d.lim.MaxBigDigits {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("BigInt longer than %d digits", d.lim.MaxBigDigits)}
		}
		n, ok := new(big.Int).SetString(rest, 10)
		if !ok {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid BigInt %q", rest)}
		}
		return n, nil
	case 'K':
		id, err := hexID(rest, path)
		if err != nil {
			return nil, err
		}
		return d.formData(id), nil
	case '@':
		id, err := hexID(rest, path)
		if err != nil {
			return nil, err
		}
		return d.part(id, path)
	case 'h':
		id, err := hexID(rest, path)
		if err != nil {
			return nil, err
		}
		return d.serverRef(id, path, depth)
	}
	if c := s[1]; (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') {
		return d.reference(s[1:], path)
	}
	return nil, &Error{Path: path, Msg: fmt.Sprintf("unsupported value %q", truncate(s))}
}

// reference resolves "$<hex>" and "$<hex>:key:key" path references. Only
// own keys of decoded objects and indexes of arrays are walked.
func (d *Decoder) reference(ref, path string) (any, error) {
	parts := strings.Split(ref, ":")
	id, err := hexID(parts[0], path)
	if err != nil {
		return nil, err
	}
	v, err := d.part(id, path)
	if err != nil {
		return nil, err
	}
	for _, k := range parts[1:] {
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[k]
			if !ok {
				return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid reference %q: no key %q", truncate(ref), k)}
			}
			v = next
		case []any:
			i, err := strconv.Atoi(k)
			if err != nil || i < 0 || i >= len(x) {
				return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid reference %q: no index %q", truncate(ref), k)}
			}
			v = x[i]
		default:
			return nil, &Error{Path: path, Msg: fmt.Sprintf("invalid reference %q", truncate(ref))}
		}
	}
	// Count the aliased value again so that references cannot multiply
	// the work without limit.
	if err := d.countDeep(v, path, 0); err != nil {
		return nil, err
	}
	return v, nil
}

func (d *Decoder) countDeep(v any, path string, depth int) error {
	if depth > d.lim.MaxDepth {
		return &Error{Path: path, Msg: fmt.Sprintf("nested deeper than %d", d.lim.MaxDepth)}
	}
	if err := d.count(path); err != nil {
		return err
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if err := d.countDeep(e, path, depth+1); err != nil {
				return err
			}
		}
	case map[string]any:
		for _, e := range x {
			if err := d.countDeep(e, path, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// formData collects the fields "_<id>_<name>" of the body. Fields whose
// name starts with "$ACTION_" are the progressive-enhancement inputs gorsc
// writes into forms; they are not user data and are dropped.
func (d *Decoder) formData(id int) *FormData {
	prefix := d.prefix + "_" + strconv.FormatInt(int64(id), 16) + "_"
	fd := &FormData{}
	for _, e := range d.body.Fields {
		name, ok := strings.CutPrefix(e.Name, prefix)
		if !ok || strings.HasPrefix(name, "$ACTION_") {
			continue
		}
		e.Name = name
		fd.entries = append(fd.entries, e)
	}
	return fd
}

func (d *Decoder) serverRef(id int, path string, depth int) (any, error) {
	v, err := d.part(id, path)
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
	ref := &ServerRef{ID: sid}
	switch b := m["bound"].(type) {
	case nil:
	case []any:
		if len(b) > d.lim.MaxBound {
			return nil, &Error{Path: path, Msg: fmt.Sprintf("more than %d bound arguments", d.lim.MaxBound)}
		}
		ref.Bound = b
	default:
		return nil, &Error{Path: path, Msg: "server reference bound arguments are not an array"}
	}
	return ref, nil
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
	}
	return fmt.Sprintf("%T", v)
}
