package reply

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/big"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/textproto"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/gorsc/gorsc/internal/flight"
	"github.com/gorsc/gorsc/internal/testenv"
	"github.com/gorsc/gorsc/internal/tree"
)

// goldenPath holds what React's encodeReply writes for a corpus of
// argument lists, and what each must decode to. tools/react/reply.mjs
// writes it; GORSC_UPDATE_GOLDEN=1 regenerates it (needs Node and
// tools/react/node_modules).
var goldenPath = filepath.Join("testdata", "encodereply.json")

type goldenCase struct {
	Name       string          `json:"name"`
	Body       *string         `json:"body"`
	Form       [][2]any        `json:"form"`
	Expect     json.RawMessage `json:"expect"`
	Gap        string          `json:"gap"`
	DecodeForm bool            `json:"decodeForm"`
}

func loadGolden(t testing.TB) []goldenCase {
	t.Helper()
	if os.Getenv("GORSC_UPDATE_GOLDEN") == "1" {
		cmd := exec.Command("node", filepath.Join("..", "..", "tools", "react", "reply.mjs"))
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("node tools/react/reply.mjs: %v\n%s", err, stderr.Bytes())
		}
		if err := os.WriteFile(goldenPath, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("%s: %v", goldenPath, err)
	}
	return cases
}

// request turns a golden body into the HTTP request a browser sends:
// fetch with a string body (text/plain) or with FormData (multipart).
func (c *goldenCase) request(t testing.TB) *http.Request {
	t.Helper()
	if c.Body != nil {
		r := httptest.NewRequest("POST", "/", strings.NewReader(*c.Body))
		r.Header.Set("Content-Type", "text/plain;charset=UTF-8")
		return r
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range c.Form {
		name := f[0].(string)
		switch v := f[1].(type) {
		case string:
			w, err := mw.CreateFormField(name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write([]byte(v))
		case map[string]any:
			data, err := base64.StdEncoding.DecodeString(v["base64"].(string))
			if err != nil {
				t.Fatal(err)
			}
			ct, _ := v["type"].(string)
			if ct == "" {
				ct = "application/octet-stream" // what browsers send for an untyped Blob
			}
			h := textproto.MIMEHeader{}
			h.Set("Content-Disposition", fmt.Sprintf(`form-data; name=%q; filename=%q`, name, v["file"]))
			h.Set("Content-Type", ct)
			w, err := mw.CreatePart(h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(data)
		default:
			t.Fatalf("bad golden field %v", f)
		}
	}
	mw.Close()
	r := httptest.NewRequest("POST", "/", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	return r
}

func decodeExpect(t testing.TB, raw json.RawMessage) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDifferentialEncodeReply(t *testing.T) {
	cases := loadGolden(t)
	equal, gaps := 0, []string{}
	for _, c := range cases {
		ok := t.Run(c.Name, func(t *testing.T) {
			body, err := ReadBody(c.request(t), 0)
			if err != nil {
				t.Fatalf("ReadBody: %v", err)
			}
			if c.DecodeForm {
				fa, err := DecodeForm(body, Limits{})
				if err != nil || fa == nil {
					t.Fatalf("DecodeForm: %v, %v", fa, err)
				}
				want := decodeExpect(t, c.Expect).(map[string]any)
				if fa.ID != want["id"] {
					t.Errorf("id = %q, want %q", fa.ID, want["id"])
				}
				if err := newComparer().compare(fa.Bound, want["bound"], "bound"); err != nil {
					t.Error(err)
				}
				var gotForm []any
				for _, e := range fa.Form.Entries() {
					gotForm = append(gotForm, []any{e.Name, e.Value})
				}
				if err := newComparer().compare(gotForm, want["form"], "form"); err != nil {
					t.Error(err)
				}
				return
			}
			args, err := DecodeArgs(body, Limits{})
			if c.Gap != "" {
				var re *Error
				if !errors.As(err, &re) {
					t.Fatalf("known gap %q: want a *reply.Error, got %v, %#v", c.Gap, err, args)
				}
				t.Logf("known gap %s: %v", c.Gap, err)
				return
			}
			if err != nil {
				t.Fatalf("DecodeArgs: %v", err)
			}
			if err := newComparer().compare(args, decodeExpect(t, c.Expect), "args"); err != nil {
				t.Error(err)
			}
		})
		switch {
		case ok && c.Gap != "":
			gaps = append(gaps, c.Name+": "+c.Gap)
		case ok:
			equal++
		}
	}
	if len(cases) < 60 {
		t.Errorf("golden corpus has %d cases, want at least 60", len(cases))
	}
	sort.Strings(gaps)
	t.Logf("reply differential: %d cases, %d equal, %d known gaps failing cleanly", len(cases), equal, len(gaps))
	for _, g := range gaps {
		t.Logf("  known gap: %s", g)
	}
}

// comparer checks decoded values against the golden descriptions
// written by tools/react/reply.mjs (see the format there). It remembers
// the value it met at each path, for {"$":"ref"} descriptions: the value
// there must be that very value (identity).
type comparer struct {
	seen map[string]any
}

func newComparer() *comparer { return &comparer{seen: map[string]any{}} }

// sameValue reports whether a and b are the same decoded object.
func sameValue(a, b any) bool {
	if ia, ib := containerID(a), containerID(b); ia != 0 || ib != 0 {
		return ia == ib && fmt.Sprintf("%T", a) == fmt.Sprintf("%T", b)
	}
	switch a.(type) {
	case *Map, *Set, *FormData, *TypedArray, *File, *Stream:
		return a == b
	}
	return false
}

func (c *comparer) compare(got, want any, path string) error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: %s", path, fmt.Sprintf(format, args...))
	}
	if _, ok := c.seen[path]; !ok {
		c.seen[path] = got
	}
	compare, compareTagged := c.compare, c.compareTagged
	switch w := want.(type) {
	case nil:
		if got != nil {
			return bad("got %#v, want null", got)
		}
	case bool, string:
		if got != w {
			return bad("got %#v, want %#v", got, w)
		}
	case json.Number:
		f, _ := w.Float64()
		g, ok := got.(float64)
		if !ok || g != f || math.Signbit(g) != math.Signbit(f) {
			return bad("got %#v, want %v", got, w)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return bad("got %#v, want an array of %d", got, len(w))
		}
		for i := range w {
			if err := compare(g[i], w[i], fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case map[string]any:
		return compareTagged(got, w, path, bad)
	default:
		return bad("bad golden value %#v", want)
	}
	return nil
}

func (c *comparer) compareTagged(got any, w map[string]any, path string, bad func(string, ...any) error) error {
	compare := c.compare
	switch w["$"] {
	case "ref":
		to := w["to"].(string)
		first, ok := c.seen[to]
		if !ok {
			return bad("golden refers to %s, which was not met first", to)
		}
		if !sameValue(got, first) {
			return bad("got %T, want the same object as at %s (%T)", got, to, first)
		}
	case "temp":
		g, ok := got.(*TemporaryReference)
		if !ok || g.TemporaryReferenceID() != w["id"] {
			return bad("got %#v, want temporary reference %v", got, w["id"])
		}
	case "stream":
		g, ok := got.(*Stream)
		if !ok || string(rune(g.Kind)) != w["kind"] {
			return bad("got %T, want a stream of kind %v", got, w["kind"])
		}
		if err := compare(g.Items, w["items"], path+".items"); err != nil {
			return err
		}
		if ret, ok := w["return"]; ok {
			return compare(g.Return, ret, path+".return")
		}
		if g.Return != nil {
			return bad("returned %#v, want nothing", g.Return)
		}
	case "object":
		g, ok := got.(map[string]any)
		fields := w["v"].(map[string]any)
		if !ok || len(g) != len(fields) {
			return bad("got %#v, want an object with %d keys", got, len(fields))
		}
		for k, wv := range fields {
			gv, ok := g[k]
			if !ok {
				return bad("missing key %q", k)
			}
			if err := compare(gv, wv, path+"."+k); err != nil {
				return err
			}
		}
	case "undefined":
		if _, ok := got.(Undefined); !ok {
			return bad("got %#v, want undefined", got)
		}
	case "NaN":
		if g, ok := got.(float64); !ok || !math.IsNaN(g) {
			return bad("got %#v, want NaN", got)
		}
	case "Infinity", "-Infinity":
		sign := 1
		if w["$"] == "-Infinity" {
			sign = -1
		}
		if g, ok := got.(float64); !ok || !math.IsInf(g, sign) {
			return bad("got %#v, want %s", got, w["$"])
		}
	case "-0":
		if g, ok := got.(float64); !ok || g != 0 || !math.Signbit(g) {
			return bad("got %#v, want -0", got)
		}
	case "date":
		g, ok := got.(time.Time)
		if !ok || jsISO(g) != w["v"] {
			return bad("got %#v, want Date %s", got, w["v"])
		}
	case "bigint":
		g, ok := got.(*big.Int)
		if !ok || g.String() != w["v"] {
			return bad("got %#v, want BigInt %s", got, w["v"])
		}
	case "map":
		g, ok := got.(*Map)
		entries := w["v"].([]any)
		if !ok || len(g.Entries) != len(entries) {
			return bad("got %#v, want a Map of %d", got, len(entries))
		}
		for i, e := range entries {
			kv := e.([]any)
			if err := compare(g.Entries[i].Key, kv[0], fmt.Sprintf("%s.key[%d]", path, i)); err != nil {
				return err
			}
			if err := compare(g.Entries[i].Value, kv[1], fmt.Sprintf("%s.value[%d]", path, i)); err != nil {
				return err
			}
		}
	case "set":
		g, ok := got.(*Set)
		if !ok {
			return bad("got %#v, want a Set", got)
		}
		return compare(g.Values, w["v"], path)
	case "iterator":
		return compare(got, w["v"], path)
	case "formdata":
		g, ok := got.(*FormData)
		entries := w["v"].([]any)
		if !ok || len(g.Entries()) != len(entries) {
			return bad("got %#v, want a FormData of %d", got, len(entries))
		}
		for i, e := range entries {
			kv := e.([]any)
			ge := g.Entries()[i]
			if ge.Name != kv[0] {
				return bad("entry %d named %q, want %q", i, ge.Name, kv[0])
			}
			switch wv := kv[1].(type) {
			case string:
				if ge.File != nil || ge.Value != wv {
					return bad("entry %q = %#v, want %q", ge.Name, ge, wv)
				}
			case map[string]any:
				if ge.File == nil {
					return bad("entry %q is not a file", ge.Name)
				}
				if ge.File.Filename != wv["name"] {
					return bad("entry %q file name %q, want %q", ge.Name, ge.File.Filename, wv["name"])
				}
				if err := compareBytes(ge.File.data, wv, path+"."+ge.Name); err != nil {
					return err
				}
				if wt := wv["type"].(string); wt != "" && ge.File.ContentType != wt {
					return bad("entry %q type %q, want %q", ge.Name, ge.File.ContentType, wt)
				}
			}
		}
	case "blob":
		g, ok := got.(*File)
		if !ok {
			return bad("got %#v, want a Blob", got)
		}
		if wt := w["type"].(string); wt != "" && g.ContentType != wt {
			return bad("Blob type %q, want %q", g.ContentType, wt)
		}
		return compareBytes(g.data, w, path)
	case "typed":
		g, ok := got.(*TypedArray)
		if !ok || g.Type != w["type"] {
			return bad("got %#v, want a %s", got, w["type"])
		}
		return compareBytes(g.Data, w, path)
	case "serverref":
		g, ok := got.(*ServerRef)
		if !ok || g.ID != w["id"] {
			return bad("got %#v, want server reference %q", got, w["id"])
		}
		if w["bound"] == nil {
			if g.Bound != nil {
				return bad("bound %#v, want none", g.Bound)
			}
			return nil
		}
		return compare(g.Bound, w["bound"], path+".bound")
	default:
		return bad("bad golden tag %#v", w)
	}
	return nil
}

func compareBytes(got []byte, w map[string]any, path string) error {
	want, err := base64.StdEncoding.DecodeString(w["base64"].(string))
	if err != nil {
		return err
	}
	if !bytes.Equal(got, want) {
		return fmt.Errorf("%s: bytes %x, want %x", path, got, want)
	}
	return nil
}

// jsISO formats t as JavaScript's Date.prototype.toISOString does.
func jsISO(t time.Time) string {
	t = t.UTC()
	y := t.Year()
	var year string
	switch {
	case y >= 0 && y <= 9999:
		year = fmt.Sprintf("%04d", y)
	case y < 0:
		year = fmt.Sprintf("-%06d", -y)
	default:
		year = fmt.Sprintf("+%06d", y)
	}
	return year + t.Format("-01-02T15:04:05.000Z")
}

// TestTemporaryReferencesRoundTrip sends the temporary references of the
// golden cases back the way an action's answer does — decoded by this
// package, written by internal/flight as the answer's returnValue — and
// has React's own Flight client read them with the caller's temporary
// reference set: each must come back as the caller's very value.
func TestTemporaryReferencesRoundTrip(t *testing.T) {
	node := testenv.Node(t)
	testenv.NodeModules(t, filepath.Join("tools", "react"))
	rows := map[string]string{}
	for _, c := range loadGolden(t) {
		if c.Gap != "" || !bytes.Contains(c.Expect, []byte(`"$":"temp"`)) {
			continue
		}
		body, err := ReadBody(c.request(t), 0)
		if err != nil {
			t.Fatal(err)
		}
		args, err := DecodeArgs(body, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		out, err := flight.Encode(flight.Object{{Key: "returnValue", Value: args}}, noClients{})
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		rows[c.Name] = base64.StdEncoding.EncodeToString(out)
	}
	if len(rows) < 3 {
		t.Fatalf("%d golden cases with temporary references, want at least 3", len(rows))
	}
	data, _ := json.Marshal(rows)
	f := filepath.Join(t.TempDir(), "rows.json")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("..", "..", "tools", "react", "reply.mjs"), "roundtrip", f)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("reply.mjs roundtrip: %v", err)
	}
	var res map[string]string
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("reply.mjs roundtrip: %v\n%s", err, out)
	}
	for name := range rows {
		if r := res[name]; !strings.HasPrefix(r, "ok") {
			t.Errorf("%s: %s", name, r)
		} else {
			t.Logf("%s: %s", name, r)
		}
	}
}

type noClients struct{}

func (noClients) ClientModule(module, export string) (flight.ClientMeta, error) {
	return flight.ClientMeta{}, errors.New("no client components here")
}
func (noClients) ActionID(tree.ActionRef) (string, error) {
	return "", errors.New("no actions here")
}
