"use client";
// Read/unread with useOptimistic: the button flips at once and the server
// action (the book's id bound on the server) confirms it; the page that
// comes back carries the saved state.
import { startTransition, useOptimistic } from "react";
import type { ReadToggleProps } from "./ReadToggle.props";

export function ReadToggle({ read, toggle }: ReadToggleProps) {
  const [shown, setShown] = useOptimistic(read);
  function click() {
    startTransition(async () => {
      setShown(!shown);
      const form = new FormData();
      form.set("read", String(!shown));
      await toggle(form);
    });
  }
  return (
    <button type="button" className="toggle" aria-pressed={shown} data-pending={shown !== read} onClick={click}>
      {shown ? "✓ Read" : "Unread"}
    </button>
  );
}
