package gorsc

import (
	"net/http"

	"github.com/gorsc/gorsc/internal/fizz"
	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/tree"
)

// stream writes one response as its Suspense boundaries complete: for each
// boundary, in completion order, its Flight row and (for documents) its
// HTML segment, in one flush.
type stream struct {
	a    *App
	r    *http.Request
	w    http.ResponseWriter
	rc   *http.ResponseController
	enc  *flight.Encoder
	html *fizz.Stream // nil for Flight-only responses

	digests map[*tree.Boundary]string
	broken  bool // the client went away: stop writing, keep draining
}

func (s *stream) write(b []byte) {
	if s.broken || len(b) == 0 {
		return
	}
	if _, err := s.w.Write(b); err != nil {
		s.broken = true
		return
	}
	if err := s.rc.Flush(); err != nil && err != http.ErrNotSupported {
		s.broken = true
	}
}

// digest names a failed boundary's error; the error is logged with it
// once, and only the digest goes to the browser.
func (s *stream) digest(b *tree.Boundary) string {
	if d, ok := s.digests[b]; ok {
		return d
	}
	if s.digests == nil {
		s.digests = map[*tree.Boundary]string{}
	}
	d := newDigest()
	s.digests[b] = d
	s.a.logger().Error("gorsc: Suspense boundary failed", "digest", d, "path", s.r.URL.Path, "err", b.Err)
	return d
}

// parts are the pieces of the response that wait for one boundary.
type parts struct {
	lazy    *flight.Lazy
	pending *fizz.Pending
}

// finish writes every boundary as it completes, then end.
func (s *stream) finish(end []byte) {
	waiting := map[*tree.Boundary]*parts{}
	ready := make(chan *tree.Boundary)
	add := func() {
		get := func(b *tree.Boundary) *parts {
			p, ok := waiting[b]
			if !ok {
				p = &parts{}
				waiting[b] = p
				go func() { <-b.Done; ready <- b }()
			}
			return p
		}
		for _, l := range s.enc.TakeLazies() {
			get(l.Boundary).lazy = &l
		}
		if s.html != nil {
			for _, p := range s.html.TakePending() {
				get(p.Boundary).pending = &p
			}
		}
	}
	add()
	for len(waiting) > 0 {
		b := <-ready
		p := waiting[b]
		delete(waiting, b)
		var out []byte
		if p.lazy != nil {
			rows, err := s.enc.EncodeLazy(*p.lazy, s.digestIfFailed(b), s.a.Dev)
			if err != nil {
				// The content cannot be written (a bad prop, say): the
				// boundary fails like a component error would.
				b.Err = err
				rows = flight.ErrorRow(p.lazy.ID, s.digest(b), s.a.Dev, err)
			}
			if s.html != nil {
				out = fizz.AppendFlightScript(out, rows)
			} else {
				out = rows
			}
		}
		if p.pending != nil {
			seg, err := s.html.Segment(*p.pending)
			if err != nil {
				b.Err = err
				seg, _ = s.html.Segment(*p.pending)
			}
			out = append(out, seg...)
		}
		s.write(out)
		add()
	}
	s.write(end)
}

func (s *stream) digestIfFailed(b *tree.Boundary) string {
	if b.Err == nil {
		return ""
	}
	return s.digest(b)
}
