package reply

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
)

// ErrTooLarge is returned when a body is over its size limit.
var ErrTooLarge = errors.New("gorsc: request body too large")

// DefaultMaxBytes is the default body limit of an action call: 1 MB.
const DefaultMaxBytes = 1 << 20

// maxFields bounds the number of fields in one multipart body.
const maxFields = 10_000

// MemoryFileBytes is how many bytes of uploaded files one body keeps in
// memory. A file that does not fit in what is left is written to a
// temporary file instead; Body.Cleanup removes those.
const MemoryFileBytes = 1 << 20

// ReadBody reads an action request body: multipart/form-data and
// application/x-www-form-urlencoded (an HTML form without an enctype, as
// a browser posts it) into their fields in order, anything else as one
// string field "0". It reads at most
// maxBytes and returns ErrTooLarge past that. Uploaded files stay in
// memory up to MemoryFileBytes in all; past that they are streamed to
// temporary files, which the caller removes with Body.Cleanup.
func ReadBody(r *http.Request, maxBytes int64) (b *Body, err error) {
	return ReadBodyLimited(r, maxBytes, 0)
}

// FileTooLargeError is returned when one uploaded file is over its limit.
type FileTooLargeError struct {
	Field string
	Limit int64
}

func (e *FileTooLargeError) Error() string {
	return fmt.Sprintf("gorsc: the file in form field %q is larger than %d bytes", e.Field, e.Limit)
}

// fileLimit fails a file part that goes past limit bytes.
type fileLimit struct {
	r           io.Reader
	left, limit int64
	field       string
}

func (l *fileLimit) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, &FileTooLargeError{Field: l.field, Limit: l.limit}
	}
	if int64(len(p)) > l.left+1 {
		p = p[:l.left+1]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	if l.left < 0 {
		return n, &FileTooLargeError{Field: l.field, Limit: l.limit}
	}
	return n, err
}

// ReadBodyLimited is ReadBody with a limit on each uploaded file as well
// (maxFileBytes; 0 means only the body limit applies). A file over it
// fails the read with a *FileTooLargeError.
func ReadBodyLimited(r *http.Request, maxBytes, maxFileBytes int64) (b *Body, err error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	lr := &limitedReader{r: r.Body, n: maxBytes}
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "application/x-www-form-urlencoded" {
		return readURLEncoded(lr)
	}
	if mt != "multipart/form-data" {
		data, err := io.ReadAll(lr)
		if err != nil {
			return nil, err
		}
		return &Body{Fields: []Entry{{Name: "0", Value: string(data)}}}, nil
	}
	boundary := params["boundary"]
	if boundary == "" {
		return nil, errors.New("gorsc: multipart body without a boundary")
	}
	mr := multipart.NewReader(lr, boundary)
	b = &Body{}
	defer func() {
		if err != nil {
			b.Cleanup()
			b = nil
		}
	}()
	memory := int64(MemoryFileBytes)
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			if lr.over {
				return nil, ErrTooLarge
			}
			return nil, fmt.Errorf("gorsc: reading multipart body: %w", err)
		}
		if len(b.Fields) >= maxFields {
			return nil, fmt.Errorf("gorsc: more than %d form fields", maxFields)
		}
		e := Entry{Name: p.FormName()}
		if p.FileName() != "" {
			e.File, err = readFile(p, &memory, &b.temp, maxFileBytes)
		} else {
			var data []byte
			data, err = io.ReadAll(p)
			e.Value = string(data)
		}
		if err != nil {
			if lr.over {
				return nil, ErrTooLarge
			}
			return nil, fmt.Errorf("gorsc: reading multipart body: %w", err)
		}
		b.Fields = append(b.Fields, e)
	}
}

// readFile reads a file part: into memory while it fits in *memory bytes,
// else into a temporary file whose path is added to *temp.
func readFile(part *multipart.Part, memory *int64, temp *[]string, maxFile int64) (*File, error) {
	f := &File{Filename: part.FileName(), ContentType: part.Header.Get("Content-Type")}
	var p io.Reader = part
	if maxFile > 0 {
		p = &fileLimit{r: part, left: maxFile, limit: maxFile, field: part.FormName()}
	}
	var buf bytes.Buffer
	n, err := io.CopyN(&buf, p, *memory+1)
	if err != nil && err != io.EOF {
		return nil, err
	}
	if n <= *memory {
		*memory -= n
		f.data = buf.Bytes()
		return f, nil
	}
	tmp, err := os.CreateTemp("", "gorsc-upload-*")
	if err != nil {
		return nil, err
	}
	*temp = append(*temp, tmp.Name())
	size, err := io.Copy(tmp, io.MultiReader(&buf, p))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	f.path, f.size = tmp.Name(), size
	return f, nil
}

// Cleanup removes the temporary files of uploads that did not fit in
// memory. Call it when the request is done; the Files of the body cannot
// be opened after.
func (b *Body) Cleanup() {
	if b == nil {
		return
	}
	for _, p := range b.temp {
		os.Remove(p)
	}
	b.temp = nil
}

type limitedReader struct {
	r    io.Reader
	n    int64
	over bool
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		// Read one more byte to tell "exactly at the limit" from "over it".
		var one [1]byte
		n, _ := l.r.Read(one[:])
		if n > 0 {
			l.over = true
			return 0, ErrTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// FormAction is what a no-JavaScript form post asks for.
type FormAction struct {
	ID    string    // the action id
	Bound []any     // bound arguments, for $ACTION_REF_ forms
	Form  *FormData // the user's fields, $ACTION_ fields removed
}

// DecodeForm finds the action of a progressive-enhancement form post, as
// React's decodeAction does: a $ACTION_ID_<id> field names an unbound
// action; a $ACTION_REF_<n> field says the fields prefixed $ACTION_<n>:
// hold a reply {id, bound}. When the body names several, the last one
// wins, as in React: the form's own action comes first (its hidden input
// opens the form), and a <button formAction> that was clicked adds its
// name after it, so the clicked button's action is the one called. The
// bound fields of actions that did not win are left alone. It returns
// nil, nil when the body names no action.
func DecodeForm(b *Body, lim Limits) (*FormAction, error) {
	fa := &FormAction{Form: &FormData{}}
	winner := ""
	for _, e := range b.Fields {
		if !strings.HasPrefix(e.Name, "$ACTION_") {
			fa.Form.entries = append(fa.Form.entries, e)
			continue
		}
		if strings.HasPrefix(e.Name, "$ACTION_ID_") || strings.HasPrefix(e.Name, "$ACTION_REF_") {
			winner = e.Name
		}
	}
	if winner == "" {
		return nil, nil
	}
	if id, ok := strings.CutPrefix(winner, "$ACTION_ID_"); ok {
		fa.ID = id
		return fa, nil
	}
	n := strings.TrimPrefix(winner, "$ACTION_REF_")
	v, err := DecodeValue(b, "$ACTION_"+n+":", lim)
	if err != nil {
		return nil, err
	}
	ref, ok := v.(map[string]any)
	if !ok {
		return nil, &Error{Msg: "the form's action reference is not an object"}
	}
	id, ok := ref["id"].(string)
	if !ok {
		return nil, &Error{Msg: "the form's action reference has no id"}
	}
	fa.ID = id
	switch bound := ref["bound"].(type) {
	case nil:
	case []any:
		if len(bound) > lim.withDefaults().MaxBound {
			return nil, &Error{Msg: "too many bound arguments"}
		}
		fa.Bound = bound
	default:
		return nil, &Error{Msg: "the form's bound arguments are not an array"}
	}
	return fa, nil
}

// readURLEncoded reads an application/x-www-form-urlencoded body into its
// fields in order (url.ParseQuery would lose the order across names).
func readURLEncoded(lr *limitedReader) (*Body, error) {
	data, err := io.ReadAll(lr)
	if err != nil {
		return nil, err
	}
	b := &Body{}
	for pair := range strings.SplitSeq(string(data), "&") {
		if pair == "" {
			continue
		}
		if len(b.Fields) >= maxFields {
			return nil, fmt.Errorf("gorsc: more than %d form fields", maxFields)
		}
		name, value, _ := strings.Cut(pair, "=")
		n, err1 := url.QueryUnescape(name)
		v, err2 := url.QueryUnescape(value)
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("gorsc: form field %d of the urlencoded body: %w", len(b.Fields)+1, err)
		}
		b.Fields = append(b.Fields, Entry{Name: n, Value: v})
	}
	return b, nil
}
