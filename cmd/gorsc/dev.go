package main

import (
	"context"
	"flag"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/gorsc/gorsc/internal/devserver"
)

func runDev(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", ".", "app directory: its main package, client components and node_modules")
	addr := fs.String("addr", "127.0.0.1:8080", "address the browser connects to (host:port)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return devserver.Run(ctx, devserver.Options{Dir: *dir, Addr: *addr, Args: fs.Args(), Log: stderr})
}
