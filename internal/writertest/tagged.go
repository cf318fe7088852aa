package writertest

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/tree"
)

// Tagged values stand, in cases.json, for values JSON cannot write. Each
// is an object whose first key starts with "$"; tools/react/writers.mjs
// builds the same JavaScript value:
//
//	{"$date": "2024-01-02T03:04:05.000Z"}   time.Time            new Date(…)
//	{"$bigint": "123"}                       *big.Int             123n
//	{"$number": "NaN"}                       float64 NaN, ±Inf, -0 (also "Infinity", "-Infinity", "-0")
//	{"$undefined": true}                     flight.Undefined     undefined
//	{"$bytes": [1, 2]}                       []byte               Uint8Array
//	{"$typed": "Int16Array", "values": […]}  flight.Int16Array    new Int16Array(…) (and the other typed arrays,
//	                                                              ArrayBuffer, DataView; 64-bit values as strings)
//	{"$repeat": "ab", "n": 3}                "ababab"             the same string (also as a text child)
//	{"$action": "id", "bound": […]}          *Action              a server reference (bound when "bound" is there)
//	{"$go": "name", "js": value}             GoValues[name]       value: a Go value (a struct, a typed map…)
//	                                                              and the JavaScript value React gets for it
//	{"$map": [[k, v], …]}                    flight.Map           new Map(…)
//	{"$set": [v, …]}                         flight.Set           new Set(…)
//	{"$null": true}                          flight.Null          null, kept as a host element's prop
//	{"$promise": value}                      *tree.Promise        a promise resolved with value a moment later
//	{"$rejected": "message"}                 *tree.Promise        a promise rejected a moment later with
//	                                                              Error(message); its digest is "D:message"
//	{"$node": node}                          tree.Node            the node (an element as a prop value)
//	{"$shared": "name", "value": value}      one value            defines the case's shared value name: an
//	                                                              object or array is made empty, named, then
//	                                                              filled, so that it may contain itself
//	{"$shared": "name"}                      the same value       the value defined under name: the same
//	                                                              object (identity), in Go and in JavaScript
var GoValues = map[string]any{}

// shared holds the {"$shared"} values of the case being built (Parse
// resets it for each case, under sharedMu).
var (
	sharedMu sync.Mutex
	shared   map[string]any
)

// sharedValue defines or looks up a {"$shared": name} value.
func sharedValue(o obj, name string) (any, error) {
	def, isDef := o.get("value")
	if !isDef {
		v, ok := shared[name]
		if !ok {
			return nil, fmt.Errorf("$shared %q is used before its definition", name)
		}
		return v, nil
	}
	if _, dup := shared[name]; dup {
		return nil, fmt.Errorf("$shared %q is defined twice", name)
	}
	switch d := def.(type) {
	case obj:
		if len(d) == 0 || !strings.HasPrefix(d[0].k, "$") {
			out := make(flight.Object, len(d))
			shared[name] = out
			for i, f := range d {
				out[i] = flight.Field{Key: f.k, Value: dataValue(f.v)}
			}
			return out, nil
		}
	case []any:
		out := make([]any, len(d))
		shared[name] = out
		for i, x := range d {
			out[i] = dataValue(x)
		}
		return out, nil
	}
	v := dataValue(def)
	shared[name] = v
	return v, nil
}

func tagged(o obj) (any, bool, error) {
	if len(o) == 0 || !strings.HasPrefix(o[0].k, "$") {
		return nil, false, nil
	}
	arg := o[0].v
	switch o[0].k {
	case "$date":
		t, err := time.Parse(time.RFC3339Nano, arg.(string))
		return t, true, err
	case "$bigint":
		n, ok := new(big.Int).SetString(arg.(string), 10)
		if !ok {
			return nil, true, fmt.Errorf("bad $bigint %v", arg)
		}
		return n, true, nil
	case "$number":
		switch arg {
		case "NaN":
			return math.NaN(), true, nil
		case "Infinity":
			return math.Inf(1), true, nil
		case "-Infinity":
			return math.Inf(-1), true, nil
		case "-0":
			return math.Copysign(0, -1), true, nil
		}
		return nil, true, fmt.Errorf("bad $number %v", arg)
	case "$undefined":
		return flight.Undefined{}, true, nil
	case "$bytes":
		nums := arg.([]any)
		out := make([]byte, len(nums))
		for i, n := range nums {
			x, err := n.(json.Number).Int64()
			if err != nil {
				return nil, true, err
			}
			out[i] = byte(x)
		}
		return out, true, nil
	case "$typed":
		vals, _ := o.get("values")
		return typedArray(arg.(string), vals.([]any))
	case "$repeat":
		n, _ := o.get("n")
		k, err := n.(json.Number).Int64()
		return strings.Repeat(arg.(string), int(k)), true, err
	case "$action":
		a := &Action{ID: arg.(string)}
		if b, ok := o.get("bound"); ok {
			args, _ := dataValue(b).([]any)
			if args == nil {
				args = []any{}
			}
			a.Bound = args
		}
		return a, true, nil
	case "$go":
		v, ok := GoValues[arg.(string)]
		if !ok {
			return nil, true, fmt.Errorf("no Go value %q in writertest.GoValues", arg)
		}
		return v, true, nil
	case "$map":
		pairs, _ := arg.([]any)
		m := flight.Map{}
		for _, p := range pairs {
			kv, ok := p.([]any)
			if !ok || len(kv) != 2 {
				return nil, true, fmt.Errorf("$map entry %v is not a [key, value] pair", p)
			}
			m = append(m, flight.MapEntry{Key: dataValue(kv[0]), Value: dataValue(kv[1])})
		}
		return m, true, nil
	case "$set":
		vals, _ := arg.([]any)
		set := flight.Set{}
		for _, v := range vals {
			set = append(set, dataValue(v))
		}
		return set, true, nil
	case "$null":
		return flight.Null{}, true, nil
	case "$promise":
		return tree.Resolved(dataValue(arg)), true, nil
	case "$rejected":
		return tree.Rejected(errors.New(arg.(string))), true, nil
	case "$node":
		n, err := buildNode(arg)
		return n, true, err
	case "$shared":
		name, _ := arg.(string)
		v, err := sharedValue(o, name)
		return v, true, err
	}
	return nil, false, nil
}

func typedArray(kind string, vals []any) (any, bool, error) {
	f := make([]float64, len(vals))
	s := make([]string, len(vals))
	for i, v := range vals {
		switch v := v.(type) {
		case json.Number:
			s[i] = v.String()
			f[i], _ = v.Float64()
		case string:
			s[i] = v
			f[i], _ = strconv.ParseFloat(v, 64)
		}
	}
	conv := func(i int) int64 { n, _ := strconv.ParseInt(s[i], 10, 64); return n }
	convU := func(i int) uint64 { n, _ := strconv.ParseUint(s[i], 10, 64); return n }
	switch kind {
	case "ArrayBuffer":
		out := flight.ArrayBuffer{}
		for i := range f {
			out = append(out, byte(conv(i)))
		}
		return out, true, nil
	case "DataView":
		out := flight.DataView{}
		for i := range f {
			out = append(out, byte(conv(i)))
		}
		return out, true, nil
	case "Int8Array":
		out := flight.Int8Array{}
		for i := range f {
			out = append(out, int8(conv(i)))
		}
		return out, true, nil
	case "Uint8ClampedArray":
		out := flight.Uint8ClampedArray{}
		for i := range f {
			out = append(out, uint8(convU(i)))
		}
		return out, true, nil
	case "Int16Array":
		out := flight.Int16Array{}
		for i := range f {
			out = append(out, int16(conv(i)))
		}
		return out, true, nil
	case "Uint16Array":
		out := flight.Uint16Array{}
		for i := range f {
			out = append(out, uint16(convU(i)))
		}
		return out, true, nil
	case "Int32Array":
		out := flight.Int32Array{}
		for i := range f {
			out = append(out, int32(conv(i)))
		}
		return out, true, nil
	case "Uint32Array":
		out := flight.Uint32Array{}
		for i := range f {
			out = append(out, uint32(convU(i)))
		}
		return out, true, nil
	case "Float32Array":
		out := flight.Float32Array{}
		for _, x := range f {
			out = append(out, float32(x))
		}
		return out, true, nil
	case "Float64Array":
		out := flight.Float64Array{}
		for _, x := range f {
			out = append(out, x)
		}
		return out, true, nil
	case "BigInt64Array":
		out := flight.BigInt64Array{}
		for i := range f {
			out = append(out, conv(i))
		}
		return out, true, nil
	case "BigUint64Array":
		out := flight.BigUint64Array{}
		for i := range f {
			out = append(out, convU(i))
		}
		return out, true, nil
	}
	return nil, true, fmt.Errorf("unknown typed array %q", kind)
}
