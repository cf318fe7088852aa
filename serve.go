package gorsc

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Recommended limits of the server that [App.ListenAndServe] and
// [App.Serve] run. They bound what a slow or hostile client can hold:
// half-sent headers, bodies trickled in, idle keep-alive connections.
const (
	// ReadHeaderTimeout bounds reading a request's headers.
	ReadHeaderTimeout = 10 * time.Second
	// ReadTimeout bounds reading a whole request, body included (an
	// action's upload).
	ReadTimeout = 60 * time.Second
	// IdleTimeout closes keep-alive connections idle that long.
	IdleTimeout = 120 * time.Second
	// MaxHeaderBytes bounds a request's header size.
	MaxHeaderBytes = 64 << 10
	// ShutdownTimeout is how long a shutdown waits for in-flight requests
	// (streams and actions) to finish before closing them.
	ShutdownTimeout = 30 * time.Second
)

// Server returns an *http.Server that serves the app on addr
// ("127.0.0.1:8080") with the recommended timeouts above. No write
// timeout is set, so long streams are not cut: bound renders with
// RenderTimeout. Adjust the fields before serving if needed.
func (a *App) Server(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           a,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(a.logger().Handler(), slog.LevelWarn),
	}
}

// ListenAndServe prepares the app (returning its start-up error, if any),
// then serves it on addr with [App.Server]'s timeouts until the process
// receives SIGINT or SIGTERM; it then stops accepting connections and
// waits up to ShutdownTimeout for in-flight requests — streams and
// actions — to finish. It returns nil after a clean shutdown:
//
//	if err := app.ListenAndServe("127.0.0.1:8080"); err != nil {
//		log.Fatal(err)
//	}
func (a *App) ListenAndServe(addr string) error {
	if err := a.Prepare(); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a.logger().Info("gorsc: listening", "url", "http://"+ln.Addr().String())
	return a.Serve(ctx, ln)
}

// Serve serves the app on ln with [App.Server]'s timeouts until ctx is
// done, then shuts down gracefully like [App.ListenAndServe] and closes
// the app ([App.Close]). It returns
// nil after a clean shutdown, an error when serving failed or in-flight
// requests outlived ShutdownTimeout.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	if err := a.Prepare(); err != nil {
		ln.Close()
		return err
	}
	srv := a.Server(ln.Addr().String())
	done := make(chan error, 1)
	go func() {
		defer func() {
			if e := recover(); e != nil {
				done <- fmt.Errorf("gorsc: server panicked: %v", e)
			}
		}()
		done <- srv.Serve(ln)
	}()
	select {
	case err := <-done:
		a.Close()
		return err
	case <-ctx.Done():
	}
	a.logger().Info("gorsc: shutting down; waiting for in-flight requests", "timeout", ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-done; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	a.Close() // the requests are done: release the server-rendering VMs
	return err
}

func (a *App) logger() *slog.Logger {
	if a.Logger != nil {
		return a.Logger
	}
	return slog.Default()
}
