package gorsc

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
)

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
type ValidationErrors map[string]string

// Error lists the fields and messages, sorted by field.
func (v ValidationErrors) Error() string {
	var b strings.Builder
	b.WriteString("gorsc: validation failed")
	for i, k := range slices.Sorted(maps.Keys(v)) {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(k + ": " + v[k])
	}
	return b.String()
}

func asValidationErrors(err error) (ValidationErrors, bool) {
	var v ValidationErrors
	ok := errors.As(err, &v)
	return v, ok
}

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

type formStateKey struct{}

// FormStateFor returns the state of the form whose action failed
// validation in this request, if that action is action (bound or not);
// otherwise nil. The methods of a nil *FormState return "", so a page can
// use the result without checking:
//
//	st := gorsc.FormStateFor(ctx, SignUp)
//	html.Input(html.Name("email"), html.DefaultValue(st.Value("email"))),
//	html.P(html.Class("error"), html.Text(st.Error("email"))),
func FormStateFor(ctx context.Context, action *ServerAction) *FormState {
	st, _ := ctx.Value(formStateKey{}).(*FormState)
	if st == nil || action == nil || st.Action.def != action.def {
		return nil
	}
	return st
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

// clientValue is what a call with JavaScript receives when the action
// returned ValidationErrors.
func (s *FormState) clientValue() map[string]any {
	values := map[string]any{}
	for _, e := range s.Values.Entries() {
		if _, seen := values[e.Name]; !seen && e.File == nil {
			values[e.Name] = e.Value
		}
	}
	errs := map[string]any{}
	for k, v := range s.Errors {
		errs[k] = v
	}
	return map[string]any{"errors": errs, "values": values}
}

type unauthorizedError struct{}

func (unauthorizedError) Error() string { return "gorsc: unauthorized" }

// Unauthorized returns an error that answers 401 Unauthorized. Returned by
// a page, the page is replaced by the unauthorized message inside its
// layouts, with status 401 (200 when the page streams behind a Loading
// boundary, as with NotFound). Returned by a server action, a form posted
// without JavaScript gets the
// unauthorized page with status 401; a call with JavaScript makes the
// client router show that page in place of the current one (the call
// then resolves with undefined). Return [Redirect] instead to send the
// user to a login page.
func Unauthorized() error { return unauthorizedError{} }

func isUnauthorized(err error) bool {
	var u unauthorizedError
	return errors.As(err, &u)
}
