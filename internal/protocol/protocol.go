// Package protocol names the HTTP headers and paths that the gorsc server
// and its browser runtime (internal/runtime) use to talk to each other.
// They are one contract: change a name here and in the runtime together.
package protocol

const (
	// Flight ("RSC: 1") asks for a page's Flight payload instead of its
	// HTML, as Next.js's client router does.
	Flight = "RSC"
	// Action marks a server action call made by the browser runtime; its
	// value is the action's reference id ("<id>" or "<id>.<seal>").
	Action = "Gorsc-Action"
	// Sealed, set to "1" on an action call, says that the first argument
	// of the body is the sealed bound arguments of the reference called.
	Sealed = "Gorsc-Action-Sealed"
	// ActionNotFound ("1") marks the 404 answer to an unknown action id:
	// the page is older than the server, and the runtime reloads it.
	ActionNotFound = "Gorsc-Action-Not-Found"
	// Segments lists the segment slots the client router has mounted
	// (comma-separated ids), so that a navigation's Flight answer renders
	// only what is below the deepest layout the two pages share.
	Segments = "Gorsc-Segments"
	// Slot names, on a partial Flight answer, the slot whose children it
	// carries.
	Slot = "Gorsc-Slot"
	// Redirect tells the runtime to navigate to its value (a redirect
	// from a page, layout or action answered to a Flight request).
	Redirect = "Gorsc-Redirect"
	// RevalidatedPaths lists, on an action's answer, the URL paths the
	// action revalidated (comma-separated, each percent-encoded): the
	// router drops the pages it keeps at or below them. "/" drops all.
	RevalidatedPaths = "Gorsc-Revalidated-Paths"
	// RevalidatedTags lists, on an action's answer, the cache tags the
	// action invalidated (comma-separated, each percent-encoded). The
	// router cannot tell which pages read them, and drops every page it
	// keeps.
	RevalidatedTags = "Gorsc-Revalidated-Tags"
)

// AssetPrefix is the URL path under which the browser bundle is served.
const AssetPrefix = "/_gorsc/"

// DevRebuild is the path of the development-only endpoint through which
// "gorsc dev" asks the app it runs (GORSC_DEV=1) to build its client code
// again (internal/server/dev.go): POST, from loopback, with
// "Authorization: Bearer " and the development secret (GORSC_SECRET). An
// app that does not run under gorsc dev has no such endpoint.
const DevRebuild = "/__gorsc_dev/rebuild"

// DevRebuildAnswer is the JSON answer of DevRebuild: OK with whether the
// build differs from the one served before (Changed; the browser must
// reload then) and how long it took; or not OK with the build's errors
// (esbuild's, each with file:line:column and the source line) or another
// failure (Error). A failed build changes nothing: the app keeps serving
// the last good build.
type DevRebuildAnswer struct {
	OK      bool  `json:"ok"`
	Changed bool  `json:"changed,omitempty"`
	Millis  int64 `json:"ms"` // the whole rebuild
	// BundleMillis is the part esbuild took; the rest went to loading the
	// server bundle into the server renderer.
	BundleMillis int64        `json:"bundle_ms"`
	Messages     []DevMessage `json:"errors,omitempty"`
	Error        string       `json:"error,omitempty"`
}

// DevMessage is a build error of DevRebuildAnswer.
type DevMessage struct {
	File   string   `json:"file"`
	Line   int      `json:"line"`   // 1-based; 0 when unknown
	Column int      `json:"column"` // 0-based byte column
	Text   string   `json:"text"`
	Source string   `json:"source,omitempty"` // the line's text
	Notes  []string `json:"notes,omitempty"`
}
