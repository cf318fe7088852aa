// A stand-in for the browser bundle that "gorsc build" writes: the Go tests
// and examples that use this folder as App.Assets check what the server
// sends and never run it in a browser, so they need no npm packages.
