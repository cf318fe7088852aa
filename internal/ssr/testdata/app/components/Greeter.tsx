"use client";
import { useActionState } from "react";

/** A progressive-enhancement form: useActionState with a server action. */
export function Greeter({ greet }: { greet: (prev: string, form: FormData) => Promise<string> }) {
  const [state, formAction] = useActionState(greet, "nobody yet");
  return (
    <form action={formAction}>
      <p className="state">{state}</p>
      <input name="name" />
      <button>Greet</button>
    </form>
  );
}
