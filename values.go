package gorsc

import (
	"context"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/reply"
	"github.com/gorsc/gorsc/internal/tree"
)

// Values that props (and action results) can hold besides plain Go data,
// each reaching React's client as React's own server would send it. The
// Go → JavaScript mapping of ordinary values (strings, numbers, structs,
// maps, slices, time.Time, *big.Int, []byte…) is listed in doc/wire.md.

// Promise is a value computed in the background and sent to the browser
// when it is ready: React's way of streaming data into a client
// component, which reads it with use(). Passed as a prop, it is written
// as a reference, and its value follows later in the same response; a
// rejected promise becomes an error (with a digest, logged on the
// server) that the nearest error boundary shows. Make one with
// [NewPromise].
type Promise = tree.Promise

// NewPromise starts fn in a goroutine at once — in parallel with the rest
// of the render, as a JavaScript promise's work does — and returns its
// promise. A panic in fn rejects it. Pass the server component's ctx, so
// that fn stops when the client goes away:
//
//	stats := gorsc.NewPromise(ctx, func(ctx context.Context) (Stats, error) { return db.Stats(ctx) })
//	return gorsc.Client("components/Stats.tsx#Stats", map[string]any{"stats": stats}), nil
func NewPromise[T any](ctx context.Context, fn func(context.Context) (T, error)) *Promise {
	return tree.NewPromise(ctx, func(ctx context.Context) (any, error) { return fn(ctx) })
}

// Number is a number child, written as React writes {42} in JSX (a
// number on the wire, its JavaScript text in HTML).
func Number[N ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64](n N) Node {
	return tree.NewNumber(float64(n))
}

// JavaScript values without a Go counterpart, for props.
type (
	// JSMap is a JavaScript Map: entries in order, keys of any type.
	JSMap = flight.Map
	// JSMapEntry is one entry of a JSMap.
	JSMapEntry = flight.MapEntry
	// JSSet is a JavaScript Set.
	JSSet = flight.Set
	// Undefined is JavaScript's undefined (a prop that is present but
	// undefined); nil is null.
	Undefined = flight.Undefined
	// Null is JavaScript's null where nil would leave a host attribute
	// out.
	Null = flight.Null
	// ArrayBuffer, DataView and the typed arrays are their JavaScript
	// namesakes ([]byte is a Uint8Array).
	ArrayBuffer       = flight.ArrayBuffer
	DataView          = flight.DataView
	Int8Array         = flight.Int8Array
	Uint8ClampedArray = flight.Uint8ClampedArray
	Int16Array        = flight.Int16Array
	Uint16Array       = flight.Uint16Array
	Int32Array        = flight.Int32Array
	Uint32Array       = flight.Uint32Array
	Float32Array      = flight.Float32Array
	Float64Array      = flight.Float64Array
	BigInt64Array     = flight.BigInt64Array
	BigUint64Array    = flight.BigUint64Array
)

// Action arguments that React's encodeReply can send besides plain data.
type (
	// Stream is a ReadableStream or async iterable argument (uploads in
	// parts, progress): convert it by declaring the parameter as []T,
	// iter.Seq[T], <-chan T, io.Reader or []byte instead, or take the
	// *Stream itself.
	Stream = reply.Stream
	// TemporaryReference is a value the caller could not serialise (an
	// element, a class instance): returned by the action, the caller gets
	// its own value back.
	TemporaryReference = reply.TemporaryReference
	// ArgMap, ArgSet and TypedArray are a JavaScript Map, Set and typed
	// array received as an argument, when the parameter is declared with
	// these types instead of a Go map, slice or []byte.
	ArgMap     = reply.Map
	ArgSet     = reply.Set
	TypedArray = reply.TypedArray
)
