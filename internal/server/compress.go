package server

import "net/http"

// compressed wraps one of gorsc's own handlers (pages, actions, not-found)
// so that its answer is compressed by the request's Accept-Encoding
// (internal/compress), streaming: each flush of the response (the shell,
// each Suspense boundary) reaches the client when written. Handlers
// mounted with App.Handle are not wrapped: they answer as they write.
// With Config.DisableCompression the handler is returned as is.
func (s *Server) compressed(h http.HandlerFunc) http.HandlerFunc {
	if s.zip == nil {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		cw := s.zip.Wrap(w, r)
		h(cw, r)
		// Not deferred: after a panic the answer must not look complete.
		cw.Close()
	}
}
