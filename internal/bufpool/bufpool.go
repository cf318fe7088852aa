// Package bufpool keeps the large byte buffers a response is written
// into (a document's HTML and its inline Flight rows, a Flight payload)
// for reuse by later responses, so that each request does not allocate,
// zero and then collect some hundred kilobytes.
//
// A buffer taken with Get belongs to the caller until it gives it back
// with Put; nothing may hold on to its bytes after that (an io.Writer
// must not retain what it is given, so writing it out is fine).
package bufpool

import "sync"

// MaxKept is the capacity above which a buffer is dropped rather than
// kept: one unusually large page does not pin its memory for good.
const MaxKept = 4 << 20

var pool sync.Pool // of *[]byte

// minSize is the capacity of a new buffer: what most pages take.
const minSize = 64 << 10

// Get returns an empty buffer with room for at least size bytes. A kept
// buffer too small for size stays kept, for a smaller request.
func Get(size int) []byte {
	if p, _ := pool.Get().(*[]byte); p != nil {
		if cap(*p) >= size {
			return (*p)[:0]
		}
		pool.Put(p)
	}
	return make([]byte, 0, max(size, minSize))
}

// Put gives b back for reuse. b must not be used afterwards.
func Put(b []byte) {
	if cap(b) == 0 || cap(b) > MaxKept {
		return
	}
	b = b[:0]
	pool.Put(&b)
}
