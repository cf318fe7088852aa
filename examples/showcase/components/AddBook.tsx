"use client";
// The add form with useActionState: the action's validation errors (the
// Go side returns gorsc.ValidationErrors) show beside the fields, with the
// submitted values kept. Without JavaScript the server renders the same
// form (app.go's addForm).
import { useActionState } from "react";
import type { AddBookProps } from "./AddBook.props";

type State = { errors: Record<string, string>; values: Record<string, string> } | null;

export function AddBook({ add }: AddBookProps) {
  const [state, dispatch, pending] = useActionState<State, FormData>(async (_prev, form) => (await add(form)) ?? null, null);
  const field = (name: string, label: string) => (
    <label>
      {label}
      <input name={name} defaultValue={state?.values[name] ?? ""} aria-invalid={!!state?.errors[name]} />
      <span className={`error error-${name}`}>{state?.errors[name] ?? ""}</span>
    </label>
  );
  return (
    <form action={dispatch} className="add">
      <h2>Add a book</h2>
      {field("title", "Title")}
      {field("author", "Author")}
      <button type="submit" disabled={pending}>
        {pending ? "Adding…" : "Add"}
      </button>
    </form>
  );
}
