package gorsc

import (
	"context"

	"github.com/gorsc/gorsc/internal/control"
	"github.com/gorsc/gorsc/internal/reply"
	"github.com/gorsc/gorsc/internal/request"
)

// FormData holds the fields of a submitted form, in order, as the
// browser's FormData does. An action that takes a *FormData receives the
// form it was called from. Its methods: Get(name) string (the first
// value, "" when absent), Values(name) []string, Has(name) bool,
// File(name) *File, Entries() []FormEntry, Add(name, value). A nil
// *FormData is empty. Build one with [NewFormData] to test an action.
type FormData = reply.FormData

// FormEntry is one field of a [FormData]: a string value, or a file (File
// set, Value the file name).
type FormEntry = reply.Entry

// File is an uploaded file in a [FormData]: Filename, ContentType, Size()
// in bytes, Open() for reading, Bytes() for all of it. Small files are
// held in memory, larger ones spill to a temporary file removed after the
// action returns. Build one with [NewFile] to test an action.
type File = reply.File

// NewFormData returns a form holding entries, in order.
func NewFormData(entries ...FormEntry) *FormData { return reply.NewFormData(entries...) }

// NewFile returns an in-memory file, as an upload would arrive.
func NewFile(filename, contentType string, data []byte) *File {
	return reply.NewFile(filename, contentType, data)
}

// ValidationErrors are field-level errors of a form: field name → message.
// An action returns them as its error when the submitted values are not
// acceptable:
//
//	func signUp(ctx context.Context, form *gorsc.FormData) error {
//		if !strings.Contains(form.Get("email"), "@") {
//			return gorsc.ValidationErrors{"email": "Enter an email address."}
//		}
//		…
//	}
//
// They are not a failure of the server, so they are not logged and carry
// no digest:
//
//   - Called with JavaScript (a form in a server component, or a client
//     component calling the action, useActionState included), the call
//     resolves with {errors: {field: message}, values: {field: value}} —
//     values holds the submitted string fields, so a form that React
//     reset can show them again — and the page is rendered again with
//     [FormStateFor] reporting the errors, like the no-JavaScript case.
//   - Posted without JavaScript, the page is rendered again with status
//     422 Unprocessable Content, and [FormStateFor] gives the page the
//     errors and the submitted values. (Remix answers 400 and Rails 422 in
//     this case; either way the browser shows the page, and a 4xx keeps
//     the failed post out of caches. Success answers 303 See Other.)
//
// Its Error method lists the fields and messages, sorted by field.
type ValidationErrors = control.ValidationErrors

// FormState is what a page renders after an action it carries returned
// [ValidationErrors]: the errors and the values that were submitted.
type FormState struct {
	// Action is the action that returned the errors.
	Action *ServerAction
	// Errors are the field errors.
	Errors ValidationErrors
	// Values are the submitted form fields, or nil when the action was not
	// called with a form.
	Values *FormData
}

// FormStateFor returns the state of the form whose action failed
// validation in this request, if that action is action (bound or not);
// otherwise nil. The methods of a nil *FormState return "", so a page can
// use the result without checking:
//
//	st := gorsc.FormStateFor(ctx, SignUp)
//	html.Input(html.Name("email"), html.DefaultValue(st.Value("email"))),
//	html.P(html.Class("error"), html.Text(st.Error("email"))),
func FormStateFor(ctx context.Context, action *ServerAction) *FormState {
	st := request.FormStateFrom(ctx)
	if st == nil || action == nil || st.Action != action.ref.Def {
		return nil
	}
	return &FormState{Action: action, Errors: st.Errors, Values: st.Values}
}

// Error returns the error message of field, or "".
func (s *FormState) Error(field string) string {
	if s == nil {
		return ""
	}
	return s.Errors[field]
}

// Value returns the submitted value of field, or "".
func (s *FormState) Value(field string) string {
	if s == nil {
		return ""
	}
	return s.Values.Get(field)
}
