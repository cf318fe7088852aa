// Package compress compresses gorsc's HTTP answers by the request's
// Accept-Encoding: zstd, brotli ("br") and gzip, through
// github.com/klauspost/compress (gzip, zstd) and github.com/andybalholm/brotli.
//
// Two uses:
//
//   - [Compressor.Wrap] wraps a ResponseWriter whose answer is made per
//     request (HTML, Flight). The answer streams: every Flush of the
//     wrapper (http.Flusher or http.ResponseController) flushes the
//     compressor and then the connection, so the shell and each Suspense
//     boundary reach the client when written.
//   - [Static] compresses a file once (the browser bundle, at build time
//     or at start), to be served precompressed.
package compress

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// Content codings, as written in Content-Encoding. Identity (no coding)
// is "".
const (
	Identity = ""
	Gzip     = "gzip"
	Brotli   = "br"
	Zstd     = "zstd"
)

// Dynamic lists the codings of per-request answers in the server's order
// of preference for codings the client weighs equally: zstd (fastest for
// its ratio), brotli, gzip.
var Dynamic = []string{Zstd, Brotli, Gzip}

// Options tune a Compressor. The zero value picks the defaults.
type Options struct {
	// MinSize is the smallest answer compressed, in bytes (default 1024):
	// a complete answer shorter than that goes out as is, with its
	// Content-Length. An answer flushed before reaching it is compressed,
	// since more is coming.
	MinSize int
	// GzipLevel is the gzip level, 1 (fastest) to 9 (default 5).
	GzipLevel int
	// BrotliQuality is the brotli quality, 0 to 11 (default 1: brotli's
	// higher qualities cost several times the CPU of the page's render).
	BrotliQuality int
	// ZstdLevel is the zstd level (default zstd.SpeedFastest).
	ZstdLevel zstd.EncoderLevel
}

// zstdWindow bounds zstd's window, in bytes. Browsers decode windows up to
// 8 MB (RFC 9659); a small window keeps each pooled encoder small.
const zstdWindow = 128 << 10

// Compressor compresses answers with pooled encoders. It is safe for
// concurrent use.
type Compressor struct {
	opts  Options
	pools map[string]*sync.Pool
}

// encoder is what every coding's writer does.
type encoder interface {
	io.Writer
	Flush() error
	Close() error
	Reset(io.Writer)
}

type zstdEncoder struct{ *zstd.Encoder }

func (z zstdEncoder) Reset(w io.Writer) { z.Encoder.Reset(w) }

// New returns a Compressor with opts (nil for the defaults).
func New(opts *Options) *Compressor {
	c := &Compressor{}
	if opts != nil {
		c.opts = *opts
	}
	o := &c.opts
	if o.MinSize <= 0 {
		o.MinSize = 1024
	}
	if o.GzipLevel < gzip.BestSpeed || o.GzipLevel > gzip.BestCompression {
		o.GzipLevel = 5
	}
	if o.BrotliQuality <= 0 || o.BrotliQuality > brotli.BestCompression {
		o.BrotliQuality = 1
	}
	if o.ZstdLevel == 0 {
		o.ZstdLevel = zstd.SpeedFastest
	}
	c.pools = map[string]*sync.Pool{
		Gzip: {New: func() any {
			w, _ := gzip.NewWriterLevel(nil, o.GzipLevel) // the level is checked above
			return encoder(w)
		}},
		Brotli: {New: func() any { return encoder(brotli.NewWriterLevel(nil, o.BrotliQuality)) }},
		Zstd: {New: func() any {
			w, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(o.ZstdLevel), zstd.WithEncoderConcurrency(1),
				zstd.WithLowerEncoderMem(true), zstd.WithWindowSize(zstdWindow))
			if err != nil {
				panic("gorsc: compress: zstd options: " + err.Error()) // constant options: a bug
			}
			return encoder(zstdEncoder{w})
		}},
	}
	return c
}

func (c *Compressor) get(coding string, w io.Writer) encoder {
	e := c.pools[coding].Get().(encoder)
	e.Reset(w)
	return e
}

func (c *Compressor) put(coding string, e encoder) {
	e.Reset(io.Discard) // drop the reference to the connection
	c.pools[coding].Put(e)
}

// Negotiate returns the coding of offers that the Accept-Encoding values
// in accept (one string per header line) weigh highest, ties going to the
// earlier offer, or Identity when none is acceptable or identity is
// weighed higher than all of them (RFC 9110 §12.5.3). A missing header
// means identity: "Accept-Encoding" absent is read as no wish to
// decode. Codings are matched case-insensitively, "x-gzip" as gzip, "*"
// weighs every coding not named; malformed elements are ignored.
func Negotiate(accept []string, offers []string) string {
	if len(accept) == 0 {
		return Identity
	}
	var q [8]int // weights of offers, in thousandths; -1 unnamed (offers beyond 8 are ignored)
	for i := range q {
		q[i] = -1
	}
	star, identity := -1, -1
	for _, line := range accept {
		for elem := range strings.SplitSeq(line, ",") {
			name, params, _ := strings.Cut(elem, ";")
			name = strings.ToLower(strings.TrimSpace(name))
			if name == "" {
				continue
			}
			w, ok := weight(params)
			if !ok {
				continue
			}
			switch name {
			case "*":
				star = w
			case "identity":
				identity = w
			case "x-gzip":
				name = Gzip
			}
			for i, o := range offers {
				if i < len(q) && o == name {
					q[i] = w
				}
			}
		}
	}
	best, bestQ := Identity, 0
	for i, o := range offers {
		if i >= len(q) {
			break
		}
		w := q[i]
		if w < 0 {
			w = max(star, 0)
		}
		if w > bestQ {
			best, bestQ = o, w
		}
	}
	if identity > bestQ {
		return Identity
	}
	return best
}

// weight reads the q parameter of one Accept-Encoding element, in
// thousandths (1000 when absent). ok is false when it is malformed.
func weight(params string) (q int, ok bool) {
	q = 1000
	for p := range strings.SplitSeq(params, ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
		if !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		v = strings.TrimSpace(v)
		// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
		if len(v) == 0 || len(v) > 5 || (v[0] != '0' && v[0] != '1') || (len(v) > 1 && v[1] != '.') {
			return 0, false
		}
		frac := v[min(len(v), 2):]
		for _, c := range frac {
			if c < '0' || c > '9' {
				return 0, false
			}
		}
		frac += "000"[len(frac):]
		n, _ := strconv.Atoi(frac)
		if v[0] == '1' {
			if n != 0 {
				return 0, false
			}
			return 1000, true
		}
		return n, true
	}
	return q, true
}

// Compressible reports whether a Content-Type is worth compressing: text
// (but not event streams, whose readers may not expect a coding), and
// JavaScript, JSON, XML, SVG and WebAssembly. Image, audio, video and
// archive types are compressed already.
func Compressible(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	ct = strings.ToLower(strings.TrimSpace(ct))
	switch {
	case ct == "text/event-stream":
		return false
	case strings.HasPrefix(ct, "text/"):
		return true
	case strings.HasSuffix(ct, "+json"), strings.HasSuffix(ct, "+xml"):
		return true
	}
	switch ct {
	case "application/javascript", "application/json", "application/xml", "application/wasm",
		"application/x-javascript", "application/manifest+json", "image/svg+xml", "application/x-component":
		return true
	}
	return false
}

// Static compresses data once with coding at the highest ratio the coding
// offers (brotli quality 11, gzip level 9), for a file served many times;
// best false trades ratio for speed (brotli 5, gzip 6) for files
// compressed at start. It returns nil when the coding does not shrink data
// by at least 5%: serve the original then.
func Static(coding string, data []byte, best bool) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(data) / 3)
	var w io.WriteCloser
	switch coding {
	case Brotli:
		q := 5
		if best {
			q = brotli.BestCompression
		}
		w = brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: q, LGWin: 22})
	case Gzip:
		l := 6
		if best {
			l = gzip.BestCompression
		}
		var err error
		if w, err = gzip.NewWriterLevel(&buf, l); err != nil {
			return nil, err
		}
	case Zstd:
		l := zstd.SpeedDefault
		if best {
			l = zstd.SpeedBestCompression
		}
		z, err := zstd.NewWriter(&buf, zstd.WithEncoderLevel(l), zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1<<20))
		if err != nil {
			return nil, err
		}
		w = z
	default:
		return nil, fmt.Errorf("gorsc: compress: unknown coding %q", coding)
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if buf.Len() > len(data)-len(data)/20 {
		return nil, nil
	}
	return buf.Bytes(), nil
}

// Decode returns a reader of body decoded from coding, for tests and
// tools.
func Decode(coding string, body io.Reader) (io.ReadCloser, error) {
	switch coding {
	case Identity:
		return io.NopCloser(body), nil
	case Gzip:
		return gzip.NewReader(body)
	case Brotli:
		return io.NopCloser(brotli.NewReader(body)), nil
	case Zstd:
		d, err := zstd.NewReader(body, zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, err
		}
		return d.IOReadCloser(), nil
	}
	return nil, fmt.Errorf("gorsc: compress: unknown coding %q", coding)
}

// varyOnce adds a Vary value unless the response already has it.
func varyOnce(h http.Header, v string) {
	for _, line := range h.Values("Vary") {
		for f := range strings.SplitSeq(line, ",") {
			if f = strings.TrimSpace(f); strings.EqualFold(f, v) || f == "*" {
				return
			}
		}
	}
	h.Add("Vary", v)
}
