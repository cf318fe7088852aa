package devserver

import (
	"bytes"
	"io"
)

// injectHead returns body with tag inserted before its first "</head>"
// (or at the start, when there is none in the first 64 KB), passing the
// rest through as it streams.
func injectHead(body io.ReadCloser, tag string) io.ReadCloser {
	return &injector{r: body, tag: []byte(tag)}
}

type injector struct {
	r    io.ReadCloser
	tag  []byte
	done bool
	buf  []byte // held back until "</head>" is found
	out  []byte // ready to return
	err  error
}

const maxHeld = 64 << 10

func (in *injector) Read(p []byte) (int, error) {
	for len(in.out) == 0 {
		if in.err != nil {
			if len(in.buf) > 0 { // no </head> at all: give back what was held
				in.out, in.buf = in.buf, nil
				continue
			}
			return 0, in.err
		}
		chunk := make([]byte, 32<<10)
		n, err := in.r.Read(chunk)
		in.err = err
		if in.done {
			in.out = chunk[:n]
			continue
		}
		in.buf = append(in.buf, chunk[:n]...)
		if i := bytes.Index(in.buf, []byte("</head>")); i >= 0 {
			in.out = append(append(append([]byte{}, in.buf[:i]...), in.tag...), in.buf[i:]...)
			in.buf, in.done = nil, true
		} else if len(in.buf) > maxHeld {
			in.out = append(append([]byte{}, in.tag...), in.buf...)
			in.buf, in.done = nil, true
		}
	}
	n := copy(p, in.out)
	in.out = in.out[n:]
	return n, nil
}

func (in *injector) Close() error { return in.r.Close() }
