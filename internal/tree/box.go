package tree

import (
	"sync/atomic"
	"unsafe"
)

// NewText returns s as a Text node. Go boxes a string into an interface
// with an allocation of its own (16 bytes, ~300 instructions with the
// allocator's bookkeeping); a page makes hundreds of texts, so short ones
// are boxed into shared chunks of 64 instead, one allocation per chunk.
// A chunk lives while any of its texts does: it keeps at most 63 other
// short strings (≤ 64 bytes each) alive with it.
//
// One-byte texts (a space, "#", "|" between the parts of a line) are
// boxed once for the process: they take no allocation at all.
func NewText(s string) Node {
	switch {
	case len(s) == 1:
		return oneByteTexts[s[0]]
	case len(s) > maxChunked:
		return Text(s)
	}
	return boxed(&texts[shard()].c, textType, s)
}

// oneByteTexts are the Text nodes of the 256 one-byte strings.
var oneByteTexts = func() (t [256]Node) {
	var b [256]byte
	for i := range b {
		b[i] = byte(i)
	}
	all := string(b[:])
	for i := range t {
		t[i] = Text(all[i : i+1])
	}
	return t
}()

// NewKey is NewText for a Key.
func NewKey(k string) Node {
	if len(k) > maxChunked {
		return Key(k)
	}
	return boxed(&texts[shard()].c, keyType, k)
}

// NewNumber is NewText for a Number.
func NewNumber(f float64) Node { return boxed(&numbers[shard()].c, numberType, f) }

// maxChunked is the longest string boxed in a chunk.
const maxChunked = 64

// The interface type words of a Node holding a Text, a Key and a Number.
var textType, keyType, numberType = typeWord(Text("")), typeWord(Key("")), typeWord(Number(0))

func typeWord(n Node) unsafe.Pointer { return (*[2]unsafe.Pointer)(unsafe.Pointer(&n))[0] }

// chunk holds boxed values; next is the first free slot (past the end:
// full).
type chunk[T any] struct {
	v    [64]T
	next atomic.Int32
}

// The current chunks, in shards so that goroutines running at the same
// time on other cores take their slots from other chunks (one shared
// counter would bounce between the cores' caches on every text). A
// goroutine picks its shard by where its stack is (shard).
var (
	texts [shards]struct {
		c atomic.Pointer[chunk[string]]
		_ [cacheLine - 8]byte
	}
	numbers [shards]struct {
		c atomic.Pointer[chunk[float64]]
		_ [cacheLine - 8]byte
	}
)

const (
	shards    = 16
	cacheLine = 64
)

// shard returns the shard of the calling goroutine: goroutines' stacks
// are apart, so the address of a local tells them apart (mostly; two
// sharing a shard only share a counter).
//
//go:noinline
func shard() int {
	var probe byte
	return int(uintptr(unsafe.Pointer(&probe)) >> 13 % shards)
}

// boxed returns the Node of type word typ whose value is v (T must be
// that type's underlying type), boxed in a slot of cur's chunk: the same
// two words the compiler writes for the conversion to Node, with the
// value in the chunk.
func boxed[T any](cur *atomic.Pointer[chunk[T]], typ unsafe.Pointer, v T) Node {
	for {
		c := cur.Load()
		if c != nil {
			if i := c.next.Add(1) - 1; i < int32(len(c.v)) {
				c.v[i] = v
				var n Node
				w := (*[2]unsafe.Pointer)(unsafe.Pointer(&n))
				w[0], w[1] = typ, unsafe.Pointer(&c.v[i])
				return n
			}
		}
		cur.CompareAndSwap(c, new(chunk[T]))
	}
}
