// Package app is the fixture of the typegen tests: pages that pass props
// of every kind to client components.
package app

import (
	"context"
	"math/big"
	"time"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
)

// Author is a named struct used by the props: declared once.
type Author struct {
	Name  string  `json:"name"`
	Email *string `json:"email"`
	Boss  *Author `json:"boss,omitempty"` // recursive
}

// Base is embedded: its fields are promoted.
type Base struct {
	ID int `json:"id"`
}

// WidgetProps are the props of components/Widget.tsx#Widget.
type WidgetProps struct {
	Base
	Title    string              `json:"title"`
	Count    int                 `json:"count"`
	Ratio    float64             `json:"ratio"`
	Done     bool                `json:"done"`
	When     time.Time           `json:"when"`
	Big      *big.Int            `json:"big"`
	Data     []byte              `json:"data"`
	Tags     []string            `json:"tags"`
	Labels   []string            `json:"labels,omitempty"`
	Scores   map[string]int      `json:"scores"`
	Author   Author              `json:"author"`
	Editor   *Author             `json:"editor"`
	Extra    struct{ N int }     `json:"extra"`
	Any      any                 `json:"any"`
	Children gorsc.Node          `json:"children"`
	Later    *gorsc.Promise      `json:"later"`
	Save     *gorsc.ServerAction `json:"save"`
	Remove   *gorsc.ServerAction `json:"remove"`
	Submit   *gorsc.ServerAction `json:"submit"`
	Secret   string              `json:"-"`
	hidden   string
	NoTag    string
}

// CardProps is passed to the default export of Card.tsx.
type CardProps struct {
	Heading string `json:"heading"`
}

// FormState is what the Submit action returns (useActionState).
type FormState struct {
	Message string            `json:"message"`
	Errors  map[string]string `json:"errors,omitempty"`
}

var Save = gorsc.Action(save)

func save(ctx context.Context, title string, n int) (int, error) { return n, nil }

var Remove = gorsc.Action(remove, gorsc.MustBind(1))

func remove(ctx context.Context, id int, form *gorsc.FormData) error { return nil }

var Submit = gorsc.Action(submit)

func submit(ctx context.Context, prev FormState, form *gorsc.FormData) (FormState, error) {
	return prev, nil
}

// Page renders the components.
func Page(ctx context.Context) gorsc.Node {
	w := WidgetProps{
		Title:  "x",
		Save:   Save,
		Remove: Remove.Bind(7),
		Submit: Submit,
	}
	return html.Div(
		gorsc.Client("components/Widget.tsx#Widget", w),
		gorsc.Client("components/Card.tsx", &CardProps{Heading: "h"}),
		gorsc.Client("components/Widget.tsx#Empty", nil),
		gorsc.Client("components/Widget.tsx#Loose", map[string]any{"a": 1}),
	)
}
