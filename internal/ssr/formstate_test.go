package ssr

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/gorsc/gorsc/internal/flight"
)

// TestFormState renders a useActionState form as React does before and
// after a post without JavaScript: the first render carries the hidden
// fields of a bound action ($ACTION_REF_, the bound previous state, the
// $ACTION_KEY of the hook); the second, given the formState built from
// those fields, shows the action's new state and marks the hook as
// matching (<!--F!-->) for hydration.
func TestFormState(t *testing.T) {
	e, r := testEngine(t, Options{CacheBytes: -1})
	c := client("components/Greeter.tsx#Greeter", map[string]any{"greet": action{name: "greet"}})
	rows, err := flight.EncodeClient(c, r, r.flight())
	if err != nil {
		t.Fatal(err)
	}
	first, err := e.Render(context.Background(), Request{Flight: rows})
	if err != nil {
		t.Fatal(err)
	}
	html := string(first.HTML)
	t.Logf("first: %s", html)
	for _, want := range []string{
		`<form action="" encType="multipart/form-data" method="POST">`,
		`<input type="hidden" name="$ACTION_REF_`,
		`{&quot;id&quot;:&quot;action:greet&quot;,&quot;bound&quot;:&quot;$@1&quot;}`,
		`value="[&quot;nobody yet&quot;]"`,
		`<p class="state">nobody yet</p>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("first render lacks %s", want)
		}
	}
	m := regexp.MustCompile(`name="\$ACTION_KEY" value="(k[0-9]+)"`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no $ACTION_KEY in %s", html)
	}
	if strings.Contains(html, "<!--F") {
		t.Errorf("form-state markers without a formState")
	}

	fs, err := EncodeFormState("Hello, Ann", m[1], "action:greet", 0, r, r.flight())
	if err != nil {
		t.Fatal(err)
	}
	second, err := e.Render(context.Background(), Request{Flight: rows, FormState: fs})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("second: %s", second.HTML)
	if !strings.HasPrefix(string(second.HTML), "<!--F!-->") || !strings.Contains(string(second.HTML), `<p class="state">Hello, Ann</p>`) {
		t.Errorf("the posted state is not rendered as the matching hook's: %s", second.HTML)
	}
	// Another key (another hook posted): this one keeps its initial state.
	fs, _ = EncodeFormState("Hello, Bob", "k1", "action:greet", 0, r, r.flight())
	third, err := e.Render(context.Background(), Request{Flight: rows, FormState: fs})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(third.HTML), "<!--F-->") || !strings.Contains(string(third.HTML), "nobody yet") {
		t.Errorf("a hook that did not post: %s", third.HTML)
	}
}
