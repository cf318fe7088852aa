package reply

import (
	"fmt"
	"strconv"
	"strings"
)

// StreamKind says which JavaScript value a Stream was.
type StreamKind byte

const (
	ReadableStream     StreamKind = 'R' // a ReadableStream of values ("$R")
	ReadableByteStream StreamKind = 'r' // a byte stream (new ReadableStream({type: "bytes"})): its items are Uint8Arrays ("$r")
	AsyncIterable      StreamKind = 'X' // an async iterable, such as an async generator's result ("$X")
	AsyncIterator      StreamKind = 'x' // an async iterator that is its own iterable ("$x")
)

func (k StreamKind) String() string {
	switch k {
	case ReadableStream:
		return "ReadableStream"
	case ReadableByteStream:
		return "ReadableStream (bytes)"
	case AsyncIterable:
		return "AsyncIterable"
	case AsyncIterator:
		return "AsyncIterator"
	}
	return fmt.Sprintf("StreamKind(%q)", byte(k))
}

func (k StreamKind) article() string {
	switch k {
	case AsyncIterable, AsyncIterator:
		return "an " + k.String()
	}
	return "a " + k.String()
}

// Stream is a ReadableStream or an async iterable sent as an action
// argument. React's encodeReply reads the whole stream before it sends the
// request (the body is a FormData, complete when the stream has ended), so
// the decoder hands over every item at once: Items in the order the
// stream produced them, each decoded like any argument (a byte stream's
// are *TypedArray Uint8Arrays, as the browser read them), and Return, the
// value an async generator returned (nil when it returned nothing).
type Stream struct {
	Kind   StreamKind
	Items  []any
	Return any
}

// Bytes returns the bytes of a stream of binary chunks (a byte stream, or
// a stream whose items are all typed arrays) or of strings, concatenated
// (strings as UTF-8). ok is false for a stream with other items.
func (s *Stream) Bytes() (data []byte, ok bool) {
	for _, it := range s.Items {
		switch x := it.(type) {
		case *TypedArray:
			data = append(data, x.Data...)
		case string:
			data = append(data, x...)
		default:
			return nil, false
		}
	}
	return data, true
}

// stream decodes "$R<id>", "$r<id>", "$X<id>" and "$x<id>": encodeReply
// sends the items of stream id as fields S<id> (decimal), one per item in
// order, each a JSON value, and a last field "C" (for an async iterable,
// "C<json>" when the generator returned a value).
func (d *Decoder) stream(tag byte, rest, path string, depth int) (any, error) {
	kind := StreamKind(tag)
	id, err := hexID(rest, path)
	if err != nil {
		return nil, err
	}
	if !d.indexed {
		d.index()
	}
	if err := d.consume(id, kind.String(), path); err != nil {
		return nil, err
	}
	if d.nstream++; d.nstream+len(d.parts) > d.lim.MaxParts {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("more than %d parts", d.lim.MaxParts)}
	}
	fields := d.streams[id]
	s := &Stream{Kind: kind}
	closed := false
	for i, f := range fields {
		ipath := path + "." + strconv.Itoa(i)
		if closed {
			return nil, &Error{Path: ipath, Msg: fmt.Sprintf("%s %x has an item after its end", kind, id)}
		}
		if ret, ok := strings.CutPrefix(f, "C"); ok {
			closed = true
			if ret != "" && (kind == AsyncIterable || kind == AsyncIterator) {
				if s.Return, err = d.streamItem(ret, ipath, depth); err != nil {
					return nil, err
				}
			}
			continue
		}
		v, err := d.streamItem(f, ipath, depth)
		if err != nil {
			return nil, err
		}
		if ta, ok := v.(*TypedArray); kind == ReadableByteStream && (!ok || ta.Type == "ArrayBuffer") {
			return nil, &Error{Path: ipath, Msg: "invalid data for a byte stream: " + typeName(v)}
		}
		s.Items = append(s.Items, v)
	}
	if !closed {
		// encodeReply sends a stream only once it has ended, unless the
		// call was aborted: then the items are not the whole stream.
		return nil, &Error{Path: path, Msg: fmt.Sprintf("%s %x did not end (the call was aborted while it was being sent)", kind, id)}
	}
	return s, nil
}

// streamItem decodes one item: a JSON value, revived like a part but with
// no name for temporary references (React gives stream items none).
func (d *Decoder) streamItem(raw, path string, depth int) (any, error) {
	if len(raw) > d.lim.MaxString+2 {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("stream item longer than %d bytes", d.lim.MaxString)}
	}
	v, err := parseJSON(raw, d.lim.MaxDepth, d.lim.MaxNodes-d.nodes)
	if err == errTooManyValues {
		return nil, d.charge(path, d.lim.MaxNodes+1, 0)
	}
	if err != nil {
		return nil, &Error{Path: path, Msg: fmt.Sprintf("stream item: %v", err)}
	}
	st := d.beginRef("")
	defer d.endRef(st)
	return d.revive(v, path, depth+1, nil)
}

// TemporaryReference is a value the caller could not send and kept
// instead ("$T" in an encodeReply body made with a temporary reference
// set): a React element, an instance of a class, a function, a symbol.
// The action cannot look inside it, but it can return it, or pass it to a
// client component in the answer: the Flight writer sends it back as
// "$T<id>" and React's client puts the caller's original value there.
type TemporaryReference struct {
	id string
}

// TemporaryReferenceID is the reference's position in the call's
// arguments, as React names it ("0:1:item"); the Flight writer writes it
// after "$T".
func (r *TemporaryReference) TemporaryReferenceID() string { return r.id }

// NewTemporaryReference returns the temporary reference React's decoder
// would make for id.
func NewTemporaryReference(id string) *TemporaryReference { return &TemporaryReference{id: id} }
