package reply

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"strconv"
	"strings"
	"testing"
)

func textRequest(body string) *http.Request {
	r := httptest.NewRequest("POST", "/", strings.NewReader(body))
	r.Header.Set("Content-Type", "text/plain;charset=UTF-8")
	return r
}

// multipartRequest builds a multipart body from fields; a value starting
// with "file:" becomes a file part "name.txt" holding the rest.
func multipartRequest(t *testing.T, kv ...string) (*http.Request, int) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i+1 < len(kv); i += 2 {
		name, value := kv[i], kv[i+1]
		if data, ok := strings.CutPrefix(value, "file:"); ok {
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", `form-data; name="`+name+`"; filename="`+name+`.txt"`)
			h.Set("Content-Type", "text/plain")
			w, err := mw.CreatePart(h)
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(w, data)
			continue
		}
		if err := mw.WriteField(name, value); err != nil {
			t.Fatal(err)
		}
	}
	mw.Close()
	n := buf.Len()
	r := httptest.NewRequest("POST", "/", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return r, n
}

func TestReadBodyTextLimit(t *testing.T) {
	for _, max := range []int64{0, 100} {
		limit := max
		if limit == 0 {
			limit = DefaultMaxBytes
		}
		at := strings.Repeat("x", int(limit))
		b, err := ReadBody(textRequest(at), max)
		if err != nil {
			t.Fatalf("max %d: body of exactly %d bytes: %v", max, limit, err)
		}
		if len(b.Fields) != 1 || b.Fields[0].Name != "0" || len(b.Fields[0].Value) != int(limit) {
			t.Fatalf("max %d: fields %d, want one field 0 of %d bytes", max, len(b.Fields), limit)
		}
		if _, err := ReadBody(textRequest(at+"x"), max); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("max %d: one byte over: %v, want ErrTooLarge", max, err)
		}
		if _, err := ReadBody(textRequest(at+strings.Repeat("x", 1<<20)), max); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("max %d: far over: %v, want ErrTooLarge", max, err)
		}
	}
}

func TestReadBodyMultipartLimit(t *testing.T) {
	// Find the body size for a field of n bytes, then ask for exactly that.
	_, overhead := multipartRequest(t, "0", "")
	for _, max := range []int64{0, 4096} {
		limit := int(max)
		if max == 0 {
			limit = DefaultMaxBytes
		}
		value := strings.Repeat("y", limit-overhead)
		r, n := multipartRequest(t, "0", value)
		if n != limit {
			t.Fatalf("built a body of %d bytes, want %d", n, limit)
		}
		b, err := ReadBody(r, max)
		if err != nil {
			t.Fatalf("max %d: multipart body of exactly the limit: %v", max, err)
		}
		if len(b.Fields) != 1 || b.Fields[0].Value != value {
			t.Fatalf("max %d: got %d fields", max, len(b.Fields))
		}
		r, _ = multipartRequest(t, "0", value+"y")
		if _, err := ReadBody(r, max); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("max %d: one byte over: %v, want ErrTooLarge", max, err)
		}
		r, _ = multipartRequest(t, "0", "[]", "big", "file:"+value)
		if _, err := ReadBody(r, max); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("max %d: file over the limit: %v, want ErrTooLarge", max, err)
		}
	}
}

func TestReadBodyMultipart(t *testing.T) {
	r, _ := multipartRequest(t, "_1_title", "hi", "_1_file", "file:hello", "0", `["$K1"]`, "_1_title", "again", "empty", "")
	b, err := ReadBody(r, 0)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"_1_title", "_1_file", "0", "_1_title", "empty"}
	if len(b.Fields) != len(names) {
		t.Fatalf("got %d fields, want %d", len(b.Fields), len(names))
	}
	for i, n := range names {
		if b.Fields[i].Name != n {
			t.Fatalf("field %d is %q, want %q", i, b.Fields[i].Name, n)
		}
	}
	f := b.Fields[1].File
	if f == nil || f.Filename != "_1_file.txt" || f.ContentType != "text/plain" || f.Size() != 5 {
		t.Fatalf("file field: %#v", b.Fields[1])
	}
	rc, _ := f.Open()
	data, _ := io.ReadAll(rc)
	if string(data) != "hello" {
		t.Fatalf("file data %q", data)
	}
	args, err := DecodeArgs(b, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	fd := args[0].(*FormData)
	if got := fd.Values("title"); len(got) != 2 || got[0] != "hi" || got[1] != "again" {
		t.Fatalf("title values %q", got)
	}
	if fd.File("file") == nil || fd.Get("file") != "" || !fd.Has("file") {
		t.Fatalf("file in FormData: %#v", fd.Entries())
	}
}

func TestReadBodyText(t *testing.T) {
	for _, ct := range []string{"text/plain;charset=UTF-8", "", "application/json"} {
		r := httptest.NewRequest("POST", "/", strings.NewReader(`["hello",1]`))
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		b, err := ReadBody(r, 0)
		if err != nil {
			t.Fatalf("%q: %v", ct, err)
		}
		args, err := DecodeArgs(b, Limits{})
		if err != nil || len(args) != 2 || args[0] != "hello" || args[1] != 1.0 {
			t.Fatalf("%q: %#v, %v", ct, args, err)
		}
	}
	b, err := ReadBody(textRequest(""), 0)
	if err != nil || len(b.Fields) != 1 || b.Fields[0].Value != "" {
		t.Fatalf("empty body: %#v, %v", b, err)
	}
	if _, err := DecodeArgs(b, Limits{}); err == nil {
		t.Fatal("an empty body decoded")
	}
}

func TestReadBodyTooManyFields(t *testing.T) {
	build := func(n int) *http.Request {
		kv := make([]string, 0, 2*n)
		for i := range n {
			kv = append(kv, "f"+strconv.Itoa(i), "")
		}
		r, _ := multipartRequest(t, kv...)
		return r
	}
	if b, err := ReadBody(build(maxFields), 4<<20); err != nil || len(b.Fields) != maxFields {
		t.Fatalf("%d fields: %v", maxFields, err)
	}
	_, err := ReadBody(build(maxFields+1), 4<<20)
	if err == nil || !strings.Contains(err.Error(), "more than 10000 form fields") {
		t.Fatalf("%d fields: %v, want a too-many-fields error", maxFields+1, err)
	}
}

func TestReadBodyBadMultipart(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader("--x\r\n"))
	r.Header.Set("Content-Type", "multipart/form-data")
	if _, err := ReadBody(r, 0); err == nil || !strings.Contains(err.Error(), "boundary") {
		t.Fatalf("no boundary: %v", err)
	}
	r = httptest.NewRequest("POST", "/", strings.NewReader("--x\r\nContent-Disposition: form-data; name=\"0\"\r\n\r\n[1]"))
	r.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	if _, err := ReadBody(r, 0); err == nil || errors.Is(err, ErrTooLarge) {
		t.Fatalf("truncated body: %v, want a read error", err)
	}
}

func TestReadBodyLimitedPerFile(t *testing.T) {
	build := func(sizes ...int) (*http.Request, error) {
		var buf bytes.Buffer
		w := multipart.NewWriter(&buf)
		w.WriteField("title", "x")
		for i, n := range sizes {
			fw, err := w.CreateFormFile(fmt.Sprintf("f%d", i), "a.bin")
			if err != nil {
				return nil, err
			}
			fw.Write(bytes.Repeat([]byte{'z'}, n))
		}
		w.Close()
		req := httptest.NewRequest("POST", "/", &buf)
		req.Header.Set("Content-Type", w.FormDataContentType())
		return req, nil
	}
	const limit = 2 << 20
	// At the limit (and spilled to disk, past the 1 MB kept in memory): fine.
	req, _ := build(100, limit)
	b, err := ReadBodyLimited(req, 8<<20, limit)
	if err != nil {
		t.Fatalf("files at the limit: %v", err)
	}
	if got := b.Fields[2].File.Size(); got != limit {
		t.Errorf("file size %d, want %d", got, limit)
	}
	b.Cleanup()
	// One byte over, in the second file: a FileTooLargeError naming it.
	for _, sizes := range [][]int{{10, limit + 1}, {limit + 1}} {
		req, _ = build(sizes...)
		_, err = ReadBodyLimited(req, 8<<20, limit)
		var big *FileTooLargeError
		if !errors.As(err, &big) || big.Limit != limit || big.Field != fmt.Sprintf("f%d", len(sizes)-1) {
			t.Errorf("sizes %v: err = %v, want a FileTooLargeError for the last file", sizes, err)
		}
	}
	// Without a per-file limit only the body limit applies.
	req, _ = build(limit + 1)
	if _, err := ReadBodyLimited(req, 8<<20, 0); err != nil {
		t.Errorf("no per-file limit: %v", err)
	}
}

// An HTML form without an enctype posts application/x-www-form-urlencoded:
// its fields, in order, as a multipart body's would be; a malformed escape
// is an error naming the field.
func TestReadBodyURLEncoded(t *testing.T) {
	r := httptest.NewRequest("POST", "/", strings.NewReader("%24ACTION_ID_abc=&title=Caf%C3%A9+au+lait&tag=a&&tag=b%26c&empty"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	b, err := ReadBody(r, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range b.Fields {
		got = append(got, f.Name+"="+f.Value)
	}
	if want := "$ACTION_ID_abc=|title=Café au lait|tag=a|tag=b&c|empty="; strings.Join(got, "|") != want {
		t.Errorf("fields %q, want %q", strings.Join(got, "|"), want)
	}
	fa, err := DecodeForm(b, Limits{})
	if err != nil || fa == nil {
		t.Fatalf("DecodeForm: %v, %v", fa, err)
	}
	r = httptest.NewRequest("POST", "/", strings.NewReader("a=1&b=%zz"))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if _, err := ReadBody(r, 0); err == nil || !strings.Contains(err.Error(), "form field 2") {
		t.Errorf("a bad escape: %v, want an error naming field 2", err)
	}
	r = httptest.NewRequest("POST", "/", strings.NewReader(strings.Repeat("a=1&", maxFields+1)))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if _, err := ReadBody(r, 0); err == nil || !strings.Contains(err.Error(), "more than 10000 form fields") {
		t.Errorf("too many fields: %v", err)
	}
}
