package reply

import (
	"bytes"
	"io"
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

// File is an uploaded file.
type File struct {
	Filename    string
	ContentType string
	data        []byte
}

// NewFile returns a File holding data.
func NewFile(filename, contentType string, data []byte) *File {
	return &File{Filename: filename, ContentType: contentType, data: data}
}

// Size is the file's length in bytes.
func (f *File) Size() int64 { return int64(len(f.data)) }

// Open returns a reader of the file's contents.
func (f *File) Open() io.Reader { return bytes.NewReader(f.data) }
