package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/gorsc/gorsc"
	"github.com/gorsc/gorsc/html"
	"github.com/gorsc/gorsc/internal/testenv"
)

// TestGlobalErrorShowsDetailsInDevelopment: a client component that
// throws in the browser, with no error boundary above it, replaces the
// page with the default error UI; with App.Dev that UI shows the error's
// message and the component stack (as Next's development overlay does),
// in production only the reload button.
func TestGlobalErrorShowsDetailsInDevelopment(t *testing.T) {
	dir := appDir(t, map[string]string{
		"components/Bomb.tsx": `"use client";
import { useState } from "react";
export default function Bomb() {
  const [armed, setArmed] = useState(false);
  if (armed) throw new Error("kaboom from Bomb");
  return <button className="bomb" onClick={() => setArmed(true)}>arm</button>;
}`,
	})
	b := testenv.NewBrowser(t)
	for _, dev := range []bool{true, false} {
		app := &gorsc.App{Dir: dir, Dev: dev, Secret: []byte("s"), Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
		app.Page("/", func(ctx context.Context, r *http.Request) (gorsc.Node, error) {
			return html.HTML(html.Head(html.Meta(html.CharSet("utf-8")), html.Title(html.Text("bomb"))),
				html.Body(html.Main(html.H1(html.Text("layout")), gorsc.Client("components/Bomb.tsx", nil)))), nil
		})
		srv := httptest.NewServer(app)
		p := b.NewPage(true)
		p.Do(chromedp.Navigate(srv.URL + "/"))
		testenv.WaitFor(t, "hydration", func() bool { return p.Hydrated("button.bomb") })
		p.Do(chromedp.Click(chromedp.CSS("button.bomb")))
		testenv.WaitFor(t, "the default error UI", func() bool { return p.NodeCount("[data-gorsc-global-error]") == 1 })
		details := ""
		if p.NodeCount("[data-gorsc-error-details]") > 0 {
			details = p.Text("[data-gorsc-error-details]")
		}
		if dev && (!strings.Contains(details, "kaboom from Bomb") || !strings.Contains(details, "Bomb")) {
			t.Errorf("development: the error UI's details = %q, want the message and the component", details)
		}
		if !dev && details != "" {
			t.Errorf("production: the error UI shows details %q", details)
		}
		srv.Close()
		app.Close()
	}
}
