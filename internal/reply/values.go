package reply

// Map is a JavaScript Map sent as an argument ("$Q"): its entries in
// insertion order. Keys are decoded values of any kind.
type Map struct {
	Entries []MapEntry
}

// MapEntry is one key/value pair of a Map.
type MapEntry struct {
	Key, Value any
}

// Get returns the value of the first entry whose key is the string k.
func (m *Map) Get(k string) (any, bool) {
	if m == nil {
		return nil, false
	}
	for _, e := range m.Entries {
		if s, ok := e.Key.(string); ok && s == k {
			return e.Value, true
		}
	}
	return nil, false
}

// Set is a JavaScript Set sent as an argument ("$W"): its values in
// insertion order.
type Set struct {
	Values []any
}

// TypedArray is an ArrayBuffer, typed array or DataView sent as an
// argument ("$A", "$o", "$g", …): its JavaScript type name and its bytes,
// in the sender's byte order (little-endian on every browser platform).
type TypedArray struct {
	Type string // "ArrayBuffer", "Uint8Array", "Float64Array", "DataView", …
	Data []byte
}

// typedArrayTags maps the reply tag letter to the JavaScript type and its
// element size (doc/wire.md §3.2).
var typedArrayTags = map[byte]struct {
	name string
	size int
}{
	'A': {"ArrayBuffer", 1},
	'O': {"Int8Array", 1},
	'o': {"Uint8Array", 1},
	'U': {"Uint8ClampedArray", 1},
	'S': {"Int16Array", 2},
	's': {"Uint16Array", 2},
	'L': {"Int32Array", 4},
	'l': {"Uint32Array", 4},
	'G': {"Float32Array", 4},
	'g': {"Float64Array", 8},
	'M': {"BigInt64Array", 8},
	'm': {"BigUint64Array", 8},
	'V': {"DataView", 1},
}
