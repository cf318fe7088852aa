package ssr

import (
	"fmt"
	"reflect"
	"unicode/utf8"
	"unsafe"

	"modernc.org/libc"
	lib "modernc.org/libquickjs"
	"modernc.org/quickjs"
)

// The quickjs package converts values between Go and JavaScript by
// reflection and JSON, and has no conversion for ArrayBuffers. React's
// edge builds move every HTML and Flight byte through Uint8Arrays, so the
// engine reads and makes ArrayBuffers itself, with the C API of the same
// engine (modernc.org/libquickjs). That needs three things the quickjs
// package keeps unexported: the raw value in a Value, and a VM's context
// and thread state. bridge finds them by reflection once, checks their
// types, and refuses to start (New fails) if a quickjs release moved them,
// rather than guessing.
var bridge = func() (b struct {
	valueVM, valueV  uintptr // offsets in quickjs.Value
	vmCtx, vmRuntime uintptr // offsets in quickjs.VM
	runtimeTLS       uintptr // offset in quickjs's runtime
	err              error
}) {
	field := func(t reflect.Type, name string, want reflect.Type, kind reflect.Kind) (uintptr, reflect.Type) {
		f, ok := t.FieldByName(name)
		if !ok {
			b.err = fmt.Errorf("quickjs.%s has no field %s", t.Name(), name)
			return 0, nil
		}
		off, cur := uintptr(0), t
		for _, i := range f.Index {
			sf := cur.Field(i)
			off += sf.Offset
			cur = sf.Type
		}
		if (want != nil && f.Type != want) || (want == nil && f.Type.Kind() != kind) {
			b.err = fmt.Errorf("quickjs.%s.%s has type %s", t.Name(), name, f.Type)
		}
		return off, f.Type
	}
	vt, mt := reflect.TypeFor[quickjs.Value](), reflect.TypeFor[quickjs.VM]()
	b.valueVM, _ = field(vt, "vm", reflect.TypeFor[*quickjs.VM](), 0)
	b.valueV, _ = field(vt, "v", reflect.TypeFor[lib.TJSValue](), 0)
	b.vmCtx, _ = field(mt, "cContext", nil, reflect.Uintptr)
	var rt reflect.Type
	b.vmRuntime, rt = field(mt, "runtime", nil, reflect.Pointer)
	if b.err == nil {
		b.runtimeTLS, _ = field(rt.Elem(), "tls", reflect.TypeFor[*libc.TLS](), 0)
	}
	if b.err != nil {
		b.err = fmt.Errorf("gorsc: this build of modernc.org/quickjs is not the one gorsc supports (v0.27.0): %w", b.err)
	}
	return b
}()

// rawValue returns the engine value inside v (not a new reference).
func rawValue(v quickjs.Value) lib.TJSValue {
	return *(*lib.TJSValue)(unsafe.Add(unsafe.Pointer(&v), bridge.valueV))
}

// wrapValue makes a quickjs.Value that owns raw.
func wrapValue(vm *quickjs.VM, raw lib.TJSValue) quickjs.Value {
	var v quickjs.Value
	*(**quickjs.VM)(unsafe.Add(unsafe.Pointer(&v), bridge.valueVM)) = vm
	*(*lib.TJSValue)(unsafe.Add(unsafe.Pointer(&v), bridge.valueV)) = raw
	return v
}

// engineState returns the thread state and the context of vm.
func engineState(vm *quickjs.VM) (*libc.TLS, uintptr) {
	ctx := *(*uintptr)(unsafe.Add(unsafe.Pointer(vm), bridge.vmCtx))
	rt := *(*unsafe.Pointer)(unsafe.Add(unsafe.Pointer(vm), bridge.vmRuntime))
	return *(**libc.TLS)(unsafe.Add(rt, bridge.runtimeTLS)), ctx
}

// newArrayBuffer returns a new ArrayBuffer holding a copy of s. When the
// engine is out of memory it returns the exception value, with the
// exception pending, which JavaScript then sees thrown.
func newArrayBuffer(vm *quickjs.VM, s string) quickjs.Value {
	tls, ctx := engineState(vm)
	ab := lib.XJS_NewArrayBufferCopy(tls, ctx, 0, libc.Tsize_t(len(s)))
	if ab.Ftag != int64(lib.EJS_TAG_EXCEPTION) && len(s) > 0 {
		if p, n := arrayBufferData(tls, ctx, ab); n == len(s) {
			copy(unsafe.Slice((*byte)(p), n), s)
		}
	}
	return wrapValue(vm, ab)
}

// arrayBufferData returns the bytes of the ArrayBuffer ab (nil, 0 when ab is
// not one, or is detached).
func arrayBufferData(tls *libc.TLS, ctx uintptr, ab lib.TJSValue) (unsafe.Pointer, int) {
	psize := tls.Alloc(8)
	defer tls.Free(8)
	p := lib.XJS_GetArrayBuffer(tls, ctx, psize, ab)
	n := int(*(*libc.Tsize_t)(unsafe.Add(nil, psize)))
	if p == 0 {
		// A TypeError is pending for a value that is not an ArrayBuffer.
		return nil, 0
	}
	return unsafe.Add(nil, p), n
}

// bytesOf returns the n bytes at off of the ArrayBuffer v, valid until
// JavaScript runs again. ok is false when v is not an ArrayBuffer or the
// range is outside it.
func bytesOf(vm *quickjs.VM, v quickjs.Value, off, n int) ([]byte, bool) {
	tls, ctx := engineState(vm)
	p, size := arrayBufferData(tls, ctx, rawValue(v))
	if p == nil {
		dropException(tls, ctx)
		return nil, false
	}
	if off < 0 || n < 0 || off > size || n > size-off {
		return nil, false
	}
	if n == 0 {
		return nil, true
	}
	return unsafe.Slice((*byte)(unsafe.Add(p, off)), n), true
}

// dropException clears the exception the C API left pending.
func dropException(tls *libc.TLS, ctx uintptr) {
	if lib.XJS_HasException(tls, ctx) != 0 {
		lib.XFreeValue(tls, ctx, lib.XJS_GetException(tls, ctx))
	}
}

// decodeUTF8 decodes b as the WHATWG UTF-8 decoder does: each maximal
// invalid subpart becomes one U+FFFD.
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	out := make([]byte, 0, len(b)+8)
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			out = append(out, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size > 1 {
			out = append(out, b[i:i+size]...)
			i += size
			continue
		}
		// Skip the longest prefix of a valid sequence (the maximal subpart).
		i += maximalSubpart(b[i:])
		out = append(out, "\uFFFD"...)
	}
	return string(out)
}

// maximalSubpart returns the length (at least 1) of the longest prefix of b
// that starts a well-formed UTF-8 sequence without finishing it.
func maximalSubpart(b []byte) int {
	c := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return 1
	}
	n := 1
	for ; n <= need && n < len(b); n++ {
		if b[n] < lo || b[n] > hi {
			return n
		}
		lo, hi = 0x80, 0xBF
	}
	return n
}
