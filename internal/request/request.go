// Package request holds what lives in the context.Context of one request
// while gorsc serves it: the *http.Request, what a render learned about
// its response (a page that returned NotFound or Unauthorized), what an
// action asked for (revalidation), and the form state of an action that
// failed validation. Package gorsc reads it for its public helpers
// (RequestFrom, RevalidatePath, FormStateFor); internal/server sets it.
package request

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/gorsc/gorsc/internal/action"
	"github.com/gorsc/gorsc/internal/control"
	"github.com/gorsc/gorsc/internal/reply"
)

type (
	requestKey   struct{}
	renderKey    struct{}
	actionKey    struct{}
	formStateKey struct{}
)

// With returns ctx carrying r.
func With(ctx context.Context, r *http.Request) context.Context {
	return context.WithValue(ctx, requestKey{}, r)
}

// From returns the request carried by ctx, or nil.
func From(ctx context.Context) *http.Request {
	r, _ := ctx.Value(requestKey{}).(*http.Request)
	return r
}

// Render is what a render learns about its response while it runs.
type Render struct {
	NotFound     atomic.Bool // a page returned NotFound and its not-found UI was rendered
	Unauthorized atomic.Bool // a page returned Unauthorized and its UI was rendered
}

// WithRender returns ctx carrying a new Render state.
func WithRender(ctx context.Context) (context.Context, *Render) {
	s := &Render{}
	return context.WithValue(ctx, renderKey{}, s), s
}

// RenderFrom returns the Render state of ctx, or nil.
func RenderFrom(ctx context.Context) *Render {
	s, _ := ctx.Value(renderKey{}).(*Render)
	return s
}

// Action records what a server action asked for while it ran.
type Action struct {
	mu          sync.Mutex
	revalidated []string
	tags        []string       // invalidated with RevalidateTag or UpdateTag
	cookies     []*http.Cookie // set with SetCookie, in order
}

// SetCookie records a cookie for the action's answer; false outside an
// action.
func SetCookie(ctx context.Context, c *http.Cookie) bool {
	s, ok := ctx.Value(actionKey{}).(*Action)
	if !ok {
		return false
	}
	s.mu.Lock()
	s.cookies = append(s.cookies, c)
	s.mu.Unlock()
	return true
}

// Cookies returns the cookies the action set, in order.
func (s *Action) Cookies() []*http.Cookie {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.cookies)
}

// WithAction returns ctx carrying a new Action state.
func WithAction(ctx context.Context) (context.Context, *Action) {
	s := &Action{}
	return context.WithValue(ctx, actionKey{}, s), s
}

// Revalidate records that the data shown at path changed. Outside an
// action it does nothing.
func Revalidate(ctx context.Context, path string) {
	if s, ok := ctx.Value(actionKey{}).(*Action); ok {
		s.mu.Lock()
		s.revalidated = append(s.revalidated, path)
		s.mu.Unlock()
	}
}

// RevalidateTags records that the action invalidated cache tags
// (RevalidateTag, UpdateTag). Outside an action it does nothing.
func RevalidateTags(ctx context.Context, tags []string) {
	if s, ok := ctx.Value(actionKey{}).(*Action); ok {
		s.mu.Lock()
		s.tags = append(s.tags, tags...)
		s.mu.Unlock()
	}
}

// Revalidated reports whether the action revalidated any path or tag.
func (s *Action) Revalidated() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.revalidated) > 0 || len(s.tags) > 0
}

// Invalidated returns the paths and the cache tags the action revalidated.
func (s *Action) Invalidated() (paths, tags []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.revalidated), slices.Clone(s.tags)
}

// FormState is the state of a form whose action returned
// ValidationErrors in this request.
type FormState struct {
	Action *action.Def
	Errors control.ValidationErrors
	Values *reply.FormData // nil when the action was not called with a form
}

// WithFormState returns ctx carrying st.
func WithFormState(ctx context.Context, st *FormState) context.Context {
	return context.WithValue(ctx, formStateKey{}, st)
}

// FormStateFrom returns the form state carried by ctx, or nil.
func FormStateFrom(ctx context.Context) *FormState {
	st, _ := ctx.Value(formStateKey{}).(*FormState)
	return st
}

// ClientValue is what a call with JavaScript receives when the action
// returned ValidationErrors: {errors: {field: message}, values: {field:
// value}} (the first string value of each field; files are left out).
func (s *FormState) ClientValue() map[string]any {
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
