package bufpool

import "testing"

// Get gives room for what is asked, from a kept buffer or a new one.
func TestGet(t *testing.T) {
	for _, size := range []int{0, 1, minSize, minSize + 1, 1 << 20} {
		if b := Get(size); cap(b) < size || len(b) != 0 {
			t.Errorf("Get(%d): len %d cap %d", size, len(b), cap(b))
		}
	}
	small := make([]byte, 5, minSize)
	Put(small)
	if b := Get(minSize + 1); cap(b) < minSize+1 {
		t.Errorf("Get(%d) = cap %d", minSize+1, cap(b))
	}
	// The small one may come back for a small request (a sync.Pool
	// promises nothing: the race detector drops some of what is put).
	if b := Get(10); cap(b) < 10 || len(b) != 0 {
		t.Errorf("Get(10): len %d cap %d", len(b), cap(b))
	}
	Put(make([]byte, 0, MaxKept+1)) // dropped
}
