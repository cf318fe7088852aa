package reply

import (
	"bytes"
	"io"
	"os"
)

// FormData is the decoded form of a FormData argument or of a form post:
// its fields in the order they were sent.
type FormData struct {
	entries []Entry
}

// Entry is one field of a FormData: a string value or an uploaded file.
type Entry struct {
	Name  string
	Value string
	File  *File // non-nil for file fields
}

// NewFormData returns a FormData holding entries.
func NewFormData(entries ...Entry) *FormData { return &FormData{entries: entries} }

// Add appends a string field.
func (f *FormData) Add(name, value string) {
	f.entries = append(f.entries, Entry{Name: name, Value: value})
}

// Get returns the first string value of the field name, or "" if it has none.
func (f *FormData) Get(name string) string {
	if f == nil {
		return ""
	}
	for _, e := range f.entries {
		if e.Name == name && e.File == nil {
			return e.Value
		}
	}
	return ""
}

// Values returns every string value of the field name.
func (f *FormData) Values(name string) []string {
	if f == nil {
		return nil
	}
	var out []string
	for _, e := range f.entries {
		if e.Name == name && e.File == nil {
			out = append(out, e.Value)
		}
	}
	return out
}

// Has reports whether the field name was sent.
func (f *FormData) Has(name string) bool {
	if f == nil {
		return false
	}
	for _, e := range f.entries {
		if e.Name == name {
			return true
		}
	}
	return false
}

// File returns the first uploaded file of the field name, or nil.
func (f *FormData) File(name string) *File {
	if f == nil {
		return nil
	}
	for _, e := range f.entries {
		if e.Name == name && e.File != nil {
			return e.File
		}
	}
	return nil
}

// Entries returns all fields in order. The slice must not be modified.
func (f *FormData) Entries() []Entry {
	if f == nil {
		return nil
	}
	return f.entries
}

// File is an uploaded file: a file field of a form, a File or Blob
// argument, or the bytes of a typed array. Small files are held in memory;
// large ones in a temporary file that lives until the request is done.
type File struct {
	Filename    string
	ContentType string
	data        []byte
	path        string // temporary file holding the data, when not in memory
	size        int64  // size of the temporary file
}

// NewFile returns a File holding data.
func NewFile(filename, contentType string, data []byte) *File {
	return &File{Filename: filename, ContentType: contentType, data: data}
}

// Size is the file's length in bytes.
func (f *File) Size() int64 {
	if f.path != "" {
		return f.size
	}
	return int64(len(f.data))
}

// Open returns a reader of the file's contents; close it when done. A
// file spilled to disk can be opened only while its request is served.
func (f *File) Open() (io.ReadSeekCloser, error) {
	if f.path != "" {
		return os.Open(f.path)
	}
	return nopCloser{bytes.NewReader(f.data)}, nil
}

// Bytes returns the file's contents, reading them from disk for a large
// file.
func (f *File) Bytes() ([]byte, error) {
	if f.path != "" {
		return os.ReadFile(f.path)
	}
	return f.data, nil
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }
