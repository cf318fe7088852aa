"use client";

// Test fixtures: React 19's form hooks (useActionState, useFormStatus,
// useOptimistic) driving gorsc server actions.
import { useActionState, useOptimistic } from "react";
import { useFormStatus } from "react-dom";

type SignUpState = {
  ok?: string;
  errors?: Record<string, string>;
  values?: Record<string, string>;
} | null;

function SubmitButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending}>
      {pending ? "Saving…" : label}
    </button>
  );
}

/** A sign-up form whose action returns field errors or a welcome. */
export function SignUp({ signUp }: { signUp: (prev: SignUpState, form: FormData) => Promise<SignUpState> }) {
  const [state, action, pending] = useActionState(signUp, null);
  return (
    <form className="signup" action={action} data-pending={pending ? "yes" : "no"}>
      <input name="email" defaultValue={state?.values?.email ?? ""} />
      {state?.errors?.email && <p className="error-email">{state.errors.email}</p>}
      {state?.ok && <p className="ok">{state.ok}</p>}
      <SubmitButton label="Sign up" />
    </form>
  );
}

type Item = { title: string; pending?: boolean };

/** A list whose new items show at once, before the server confirms them. */
export function Todos({ items, add }: { items: Item[]; add: (form: FormData) => Promise<void> }) {
  const [optimistic, addOptimistic] = useOptimistic(items, (state: Item[], title: string) => [
    ...state,
    { title, pending: true },
  ]);
  return (
    <div className="todos">
      <ul>
        {optimistic.map((it, i) => (
          <li key={i} className={it.pending ? "pending" : "saved"}>
            {it.title}
          </li>
        ))}
      </ul>
      <form
        action={async (form: FormData) => {
          addOptimistic(String(form.get("title")));
          await add(form);
        }}
      >
        <input name="title" />
        <SubmitButton label="Add" />
      </form>
    </div>
  );
}
