package compress

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// Writer is an http.ResponseWriter that compresses what is written to it
// with the coding the request accepts, when the answer is worth it. The
// handler writes to it as usual and, after returning normally, the caller
// calls Close. See [Compressor.Wrap].
type Writer struct {
	rw     http.ResponseWriter
	c      *Compressor
	coding string // what the client accepts best; Identity for none
	head   bool

	state  state
	status int
	buf    []byte  // buffered until MinSize, a flush, or Close
	enc    encoder // while compressing
}

type state uint8

const (
	stateNew         state = iota // no header written
	stateBuffering                // eligible: holding the header and the first bytes
	statePlain                    // written as is
	stateCompressing              // header sent with Content-Encoding; writes go through enc
	stateClosed
)

// ErrClosed is returned by writes after Close.
var ErrClosed = errors.New("gorsc: compress: write after the answer was closed")

// Wrap returns a Writer over rw for the answer to r. The answer is
// compressed when all of these hold: the client accepts one of the
// Dynamic codings; r is not a HEAD request; the status is not 1xx, 204 or
// 304; the handler set no Content-Encoding, Content-Range or
// "Cache-Control: no-transform"; the Content-Type is [Compressible]; and
// the answer is flushed or reaches MinSize bytes. When it is, the
// header gets "Content-Encoding", loses Content-Length and Accept-Ranges,
// and a strong ETag becomes weak. Every answer that could be compressed
// for some client gets "Vary: Accept-Encoding".
//
// Flush (http.Flusher, or http.ResponseController through FlushError)
// pushes everything written so far through the compressor and the
// connection. Unwrap gives the ResponseController the underlying writer
// for deadlines.
func (c *Compressor) Wrap(rw http.ResponseWriter, r *http.Request) *Writer {
	return &Writer{rw: rw, c: c, coding: Negotiate(r.Header.Values("Accept-Encoding"), Dynamic), head: r.Method == http.MethodHead}
}

// Handler returns h with its answers compressed as by Wrap. A panic in h
// is not turned into a complete answer: the compressed stream is left
// unfinished and the panic goes on to net/http, which aborts the
// connection.
func (c *Compressor) Handler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := c.Wrap(w, r)
		h.ServeHTTP(cw, r)
		cw.Close()
	})
}

// Header returns the underlying writer's header.
func (w *Writer) Header() http.Header { return w.rw.Header() }

// Unwrap returns the underlying writer, for http.ResponseController.
func (w *Writer) Unwrap() http.ResponseWriter { return w.rw }

// Coding returns the coding the answer is written with: Identity until it
// is decided, and when it goes out as is.
func (w *Writer) Coding() string {
	if w.state == stateCompressing {
		return w.coding
	}
	return Identity
}

// WriteHeader decides, from the status and the header, whether the
// answer may be compressed. When it may, the header is held back until
// enough of the body is known.
func (w *Writer) WriteHeader(code int) {
	if code >= 100 && code < 200 {
		w.rw.WriteHeader(code) // informational (103 Early Hints): pass on
		return
	}
	if w.state != stateNew {
		return
	}
	h := w.rw.Header()
	if code == http.StatusNoContent || code == http.StatusNotModified || h.Get("Content-Encoding") != "" ||
		h.Get("Content-Range") != "" || hasToken(h.Values("Cache-Control"), "no-transform") {
		w.state = statePlain
		w.rw.WriteHeader(code)
		return
	}
	ct := h.Get("Content-Type")
	if ct != "" && !Compressible(ct) {
		w.state = statePlain
		w.rw.WriteHeader(code)
		return
	}
	varyOnce(h, "Accept-Encoding")
	if w.coding == Identity || w.head {
		w.state = statePlain
		w.rw.WriteHeader(code)
		return
	}
	w.state, w.status = stateBuffering, code
}

// Write writes p, compressed or buffered as the answer goes.
func (w *Writer) Write(p []byte) (int, error) {
	if w.state == stateNew {
		w.WriteHeader(http.StatusOK)
	}
	switch w.state {
	case statePlain:
		return w.rw.Write(p)
	case stateCompressing:
		return w.enc.Write(p)
	case stateBuffering:
		if len(w.buf)+len(p) < w.c.opts.MinSize {
			w.buf = append(w.buf, p...)
			return len(p), nil
		}
		if err := w.start(p); err != nil {
			return 0, err
		}
		return len(p), nil
	}
	return 0, ErrClosed
}

// start ends buffering: it sends the header, compressing when the body
// (the buffered bytes, then p) is of a compressible type, and writes the
// body so far.
func (w *Writer) start(p []byte) error {
	h := w.rw.Header()
	if h.Get("Content-Type") == "" {
		// net/http would sniff the compressed bytes: sniff the plain ones.
		sniff := w.buf
		if len(sniff) == 0 {
			sniff = p
		}
		if len(sniff) > 0 {
			h.Set("Content-Type", http.DetectContentType(sniff))
		}
		if !Compressible(h.Get("Content-Type")) {
			return w.plain(p, false)
		}
	}
	h.Set("Content-Encoding", w.coding)
	h.Del("Content-Length")
	h.Del("Accept-Ranges")
	if et := h.Get("Etag"); et != "" && !strings.HasPrefix(et, "W/") {
		h.Set("Etag", "W/"+et) // the compressed bytes differ from the identity ones
	}
	w.rw.WriteHeader(w.status)
	w.state = stateCompressing
	w.enc = w.c.get(w.coding, w.rw)
	if len(w.buf) > 0 {
		if _, err := w.enc.Write(w.buf); err != nil {
			return err
		}
		w.buf = w.buf[:0]
	}
	if len(p) > 0 {
		if _, err := w.enc.Write(p); err != nil {
			return err
		}
	}
	return nil
}

// WriteCached answers with status and body, a complete answer served
// many times whose content is named by key (its strong ETag): when the
// answer is compressed, the compressed copy comes from cache (made there
// once per key and coding), sent with its Content-Length. An answer that
// is not compressed (HEAD, identity, a type or status never compressed, a
// body shorter than MinSize or one the coding does not shrink) goes out as
// is. The Writer takes no more writes after it.
func (w *Writer) WriteCached(status int, body []byte, key string, cache *Cache) error {
	if w.state == stateNew {
		w.WriteHeader(status)
	}
	if w.state != stateBuffering || len(w.buf) > 0 || len(body) < w.c.opts.MinSize {
		_, err := w.Write(body)
		w.Close()
		return err
	}
	enc := cache.Encoded(key, w.coding, body)
	if enc == nil {
		w.buf = body
		err := w.plain(nil, true)
		w.buf, w.state = nil, stateClosed
		return err
	}
	h := w.rw.Header()
	h.Set("Content-Encoding", w.coding)
	h.Set("Content-Length", strconv.Itoa(len(enc)))
	h.Del("Accept-Ranges")
	if et := h.Get("Etag"); et != "" && !strings.HasPrefix(et, "W/") {
		h.Set("Etag", "W/"+et) // the compressed bytes differ from the identity ones
	}
	w.rw.WriteHeader(w.status)
	w.state = stateClosed
	_, err := w.rw.Write(enc)
	return err
}

// plain sends the header and the body so far as is; complete says the
// buffered bytes are the whole body.
func (w *Writer) plain(p []byte, complete bool) error {
	w.state = statePlain
	if complete && w.rw.Header().Get("Content-Length") == "" {
		w.rw.Header().Set("Content-Length", strconv.Itoa(len(w.buf)))
	}
	w.rw.WriteHeader(w.status)
	if len(w.buf) > 0 {
		if _, err := w.rw.Write(w.buf); err != nil {
			return err
		}
		w.buf = nil
	}
	if len(p) > 0 {
		_, err := w.rw.Write(p)
		return err
	}
	return nil
}

// FlushError sends everything written so far to the client: a buffered
// answer starts compressing (more is coming), the compressor flushes a
// complete block, and the connection flushes.
func (w *Writer) FlushError() error {
	if w.state == stateNew {
		w.WriteHeader(http.StatusOK)
	}
	switch w.state {
	case stateBuffering:
		if err := w.start(nil); err != nil {
			return err
		}
		if w.state == stateCompressing {
			if err := w.enc.Flush(); err != nil {
				return err
			}
		}
	case stateCompressing:
		if err := w.enc.Flush(); err != nil {
			return err
		}
	case stateClosed:
		return ErrClosed
	}
	return http.NewResponseController(w.rw).Flush()
}

// Flush is FlushError for http.Flusher.
func (w *Writer) Flush() { w.FlushError() }

// Close ends the answer: a buffered answer shorter than MinSize goes out
// as is with its Content-Length; a compressed one gets its end. Call it
// once the handler returned normally (not after a panic, which must not
// look like a complete answer).
func (w *Writer) Close() error {
	var err error
	switch w.state {
	case stateBuffering:
		err = w.plain(nil, true)
	case stateCompressing:
		err = w.enc.Close()
		w.c.put(w.coding, w.enc)
		w.enc = nil
	}
	w.state = stateClosed
	return err
}

// hasToken reports whether the comma-separated header values hold token.
func hasToken(values []string, token string) bool {
	for _, line := range values {
		for f := range strings.SplitSeq(line, ",") {
			if strings.EqualFold(strings.TrimSpace(f), token) {
				return true
			}
		}
	}
	return false
}
