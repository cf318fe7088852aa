// Package jsval is the one mapping from Go values to the JavaScript values
// React receives for them, shared by the Flight writer (internal/flight,
// which sends them) and the HTML writer (internal/fizz, which writes what
// react-dom/server would write for the value the browser decodes). Both
// writers must agree, or the first-load HTML differs from what a client
// navigation renders.
//
// Scalars: every Go bool, string, integer and float kind, named types
// included, is a JavaScript boolean, string or number; integers beyond
// ±2⁵³ (and *big.Int) are BigInts. Types that marshal themselves
// (json.Marshaler, encoding.TextMarshaler) are not scalars here: the
// Flight writer sends what they marshal to.
package jsval

import (
	"cmp"
	"encoding"
	"encoding/json"
	"math"
	"math/big"
	"reflect"
	"strconv"
	"strings"

	"github.com/gorsc/gorsc/internal/jsonx"
)

// Kind is the JavaScript type of a Value.
type Kind uint8

const (
	Boolean Kind = iota + 1
	Number
	BigInt
	String
)

// Value is a JavaScript primitive.
type Value struct {
	Kind Kind
	Bool bool    // Boolean
	Num  float64 // Number
	Str  string  // String; BigInt: its decimal digits, with a leading "-" when negative
}

// maxSafe is 2⁵³: integers whose magnitude is above it are sent as BigInts.
const maxSafe = 1 << 53

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
	bigIntType    = reflect.TypeFor[big.Int]()
)

// Of returns the JavaScript primitive for v, and false when v is not a
// scalar (nil, a pointer, a slice, a map, a struct, a marshaler…).
func Of(v any) (Value, bool) {
	switch v := v.(type) {
	case string:
		return Value{Kind: String, Str: v}, true
	case bool:
		return Value{Kind: Boolean, Bool: v}, true
	case int:
		return ofInt(int64(v)), true
	case int64:
		return ofInt(v), true
	case float64:
		return Value{Kind: Number, Num: v}, true
	case *big.Int:
		if v == nil {
			return Value{}, false
		}
		return Value{Kind: BigInt, Str: v.String()}, true
	case big.Int:
		return Value{Kind: BigInt, Str: v.String()}, true
	case nil:
		return Value{}, false
	}
	return OfReflect(reflect.ValueOf(v))
}

// OfReflect is Of for a reflect.Value. Values of types with a Flight form
// of their own (marshalers) report false.
func OfReflect(rv reflect.Value) (Value, bool) {
	if !rv.IsValid() {
		return Value{}, false
	}
	t := rv.Type()
	switch t.Kind() {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
	default:
		return Value{}, false
	}
	if t.Implements(jsonMarshaler) || t.Implements(textMarshaler) {
		return Value{}, false
	}
	switch t.Kind() {
	case reflect.String:
		return Value{Kind: String, Str: rv.String()}, true
	case reflect.Bool:
		return Value{Kind: Boolean, Bool: rv.Bool()}, true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return ofInt(rv.Int()), true
	case reflect.Float32, reflect.Float64:
		return Value{Kind: Number, Num: rv.Float()}, true
	}
	n := rv.Uint()
	if n > maxSafe {
		return Value{Kind: BigInt, Str: strconv.FormatUint(n, 10)}, true
	}
	return Value{Kind: Number, Num: float64(n)}, true
}

func ofInt(n int64) Value {
	if n > maxSafe || n < -maxSafe {
		return Value{Kind: BigInt, Str: strconv.FormatInt(n, 10)}
	}
	return Value{Kind: Number, Num: float64(n)}
}

// String returns JavaScript's String(v).
func (v Value) String() string {
	switch v.Kind {
	case Boolean:
		if v.Bool {
			return "true"
		}
		return "false"
	case Number:
		return NumberString(v.Num)
	}
	return v.Str
}

// Truthy reports JavaScript's Boolean(v).
func (v Value) Truthy() bool {
	switch v.Kind {
	case Boolean:
		return v.Bool
	case Number:
		return v.Num != 0 && !math.IsNaN(v.Num)
	case BigInt:
		return v.Str != "0"
	}
	return v.Str != ""
}

// ToNumber returns JavaScript's Number(v) (a BigInt converts as its
// digits read as a number).
func (v Value) ToNumber() float64 {
	switch v.Kind {
	case Boolean:
		if v.Bool {
			return 1
		}
		return 0
	case Number:
		return v.Num
	}
	return StringToNumber(v.Str)
}

// NumberString returns JavaScript's String(f): "NaN", "Infinity",
// "-Infinity", "0" for both zeros, else the shortest round-tripping
// decimal in JavaScript's notation (1e+21, 1.5e-7).
func NumberString(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		return "0"
	}
	return string(jsonx.AppendFloat(nil, f))
}

// StringToNumber is JavaScript's Number(s): surrounding white space is
// ignored, "" is 0, decimal literals (with optional sign, fraction,
// exponent), "Infinity" with optional sign, and 0x/0o/0b integers without
// sign are numbers; anything else is NaN.
func StringToNumber(s string) float64 {
	s = strings.TrimFunc(s, isJSSpace)
	if s == "" {
		return 0
	}
	if len(s) > 2 && s[0] == '0' {
		base := 0
		switch s[1] | 0x20 {
		case 'x':
			base = 16
		case 'o':
			base = 8
		case 'b':
			base = 2
		}
		if base != 0 {
			var f float64
			for _, c := range s[2:] {
				d := digitValue(c)
				if d < 0 || d >= base {
					return math.NaN()
				}
				f = f*float64(base) + float64(d)
			}
			return f
		}
	}
	body := s
	neg := false
	if body[0] == '+' || body[0] == '-' {
		neg = body[0] == '-'
		body = body[1:]
	}
	if body == "Infinity" {
		if neg {
			return math.Inf(-1)
		}
		return math.Inf(1)
	}
	if !isDecimalLiteral(body) {
		return math.NaN()
	}
	f, err := strconv.ParseFloat(body, 64)
	if err != nil && !strings.Contains(err.Error(), "range") {
		return math.NaN()
	}
	if neg {
		f = -f
	}
	return f
}

// isDecimalLiteral reports whether s is JavaScript's StrUnsignedDecimalLiteral
// without "Infinity": digits, an optional fraction (either side of the point
// may be empty, not both), an optional exponent.
func isDecimalLiteral(s string) bool {
	i, digits := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

func digitValue(c rune) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return -1
}

// isJSSpace is JavaScript's WhiteSpace and LineTerminator.
func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// ToString returns JavaScript's String(x) for the value the browser
// decodes from the Flight form of v, when gorsc can know it: scalars
// (Of), and slices and arrays of such values (an Array's String joins its
// elements with ",", writing nil ones as ""). It reports false for
// anything else (nil, maps, structs, marshalers, functions).
func ToString(v any) (string, bool) {
	if x, ok := Of(v); ok {
		return x.String(), true
	}
	return toStringReflect(reflect.ValueOf(v), 0)
}

func toStringReflect(rv reflect.Value, depth int) (string, bool) {
	if !rv.IsValid() || depth > 32 {
		return "", false
	}
	if x, ok := OfReflect(rv); ok {
		return x.String(), true
	}
	switch rv.Kind() {
	case reflect.Interface, reflect.Pointer:
		if rv.IsNil() {
			return "", false
		}
		if rv.Type().Elem() == bigIntType && rv.Kind() == reflect.Pointer {
			return rv.Interface().(*big.Int).String(), true
		}
		return toStringReflect(rv.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return "", false // null
		}
		if rv.Type().Implements(jsonMarshaler) || rv.Type().Implements(textMarshaler) {
			return "", false
		}
		var b strings.Builder
		for i := range rv.Len() {
			if i > 0 {
				b.WriteByte(',')
			}
			el := rv.Index(i)
			for el.Kind() == reflect.Interface && !el.IsNil() {
				el = el.Elem()
			}
			if !el.IsValid() || ((el.Kind() == reflect.Pointer || el.Kind() == reflect.Interface ||
				el.Kind() == reflect.Slice || el.Kind() == reflect.Map) && el.IsNil()) {
				continue // null and undefined join as ""
			}
			s, ok := toStringReflect(el, depth+1)
			if !ok {
				return "", false
			}
			b.WriteString(s)
		}
		return b.String(), true
	}
	return "", false
}

// Truthy reports JavaScript's Boolean(x) for the value the browser decodes
// from the Flight form of v: nil, nil pointers, nil slices and maps (sent
// as null), false, 0, NaN, 0n and "" are false; everything else is true.
func Truthy(v any) bool {
	if x, ok := Of(v); ok {
		return x.Truthy()
	}
	rv := reflect.ValueOf(v)
	if !rv.IsValid() {
		return false
	}
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map, reflect.Func, reflect.Chan:
		return !rv.IsNil()
	}
	return true
}

// CompareKeys orders the keys of a Go map the way a JavaScript object
// built from it orders its properties: array-index keys ("0", "42")
// first, numerically, then the others, sorted (a Go map has no insertion
// order to keep).
func CompareKeys(a, b string) int {
	ia, aIdx := arrayIndex(a)
	ib, bIdx := arrayIndex(b)
	switch {
	case aIdx && bIdx:
		return cmp.Compare(ia, ib)
	case aIdx:
		return -1
	case bIdx:
		return 1
	}
	return strings.Compare(a, b)
}

// arrayIndex reports whether s is a canonical array index: a decimal
// integer below 2³²−1 without leading zeros.
func arrayIndex(s string) (uint64, bool) {
	if s == "" || len(s) > 10 || (len(s) > 1 && s[0] == '0') {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ { // digits only (no strconv error allocated per key)
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, n < 1<<32-1
}
