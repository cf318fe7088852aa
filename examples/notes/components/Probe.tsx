"use client";
// Probes for the browser tests of faults_test.go: client components that
// call server actions and the router and show what came back, so a test can
// drive the runtime's failure paths. The notes pages do not use them.
import { useActionState, useState } from "react";
import { useRouter } from "gorsc/client";

type Failure = Error & { status?: number; digest?: string };

function describe(e: unknown): string {
  const f = e as Failure;
  return `error ${f.status ?? "-"}: ${f.message}`;
}

/** A button that calls act(arg) from a click handler and shows the outcome. */
export function Call({ id, act, arg }: { id: string; act: (arg: unknown) => Promise<unknown>; arg?: unknown }) {
  const [out, setOut] = useState("");
  async function click() {
    setOut("calling");
    try {
      setOut(`ok: ${JSON.stringify((await act(arg)) ?? null)}`);
    } catch (e) {
      setOut(describe(e));
    }
  }
  return (
    <p>
      <button type="button" id={id} onClick={click}>
        {id}
      </button>
      <output id={`${id}-out`}>{out}</output>
    </p>
  );
}

/** A form whose action goes through useActionState: a failure reaches the nearest error boundary. */
export function StateForm({ id, act }: { id: string; act: (prev: string, form: FormData) => Promise<string> }) {
  const [state, dispatch, pending] = useActionState(act, "");
  return (
    <form action={dispatch} id={id}>
      <input type="hidden" name="x" value="1" />
      <button type="submit">{id}</button>
      <output>{pending ? "pending" : state}</output>
    </form>
  );
}

/** A button that calls router.push(href). */
export function Push({ id, href }: { id: string; href: string }) {
  const router = useRouter();
  return (
    <button type="button" id={id} onClick={() => void router.push(href)}>
      push {href}
    </button>
  );
}

/** Shows the exact values of a binary and a string prop, code unit by code unit. */
export function Bytes({ id, data, text }: { id: string; data: Uint8Array; text: string }) {
  const units: string[] = [];
  for (let i = 0; i < text.length; i++) units.push(text.charCodeAt(i).toString(16));
  return (
    <div id={id}>
      <output className="data">{data instanceof Uint8Array ? Array.from(data).join(",") : `not bytes: ${typeof data}`}</output>
      <output className="text">{units.join(" ")}</output>
    </div>
  );
}
