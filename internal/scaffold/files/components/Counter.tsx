"use client";
// A client component: local state, and a server action from its props.
// Its props type is generated from the Go struct CounterProps.
import { useState, useTransition } from "react";
import type { CounterProps } from "./Counter.props";

export function Counter({ start, increment }: CounterProps) {
  const [count, setCount] = useState(start);
  const [pending, startTransition] = useTransition();
  function click() {
    setCount((c) => c + 1);
    startTransition(async () => {
      const saved = await increment(1); // runs the Go function on the server
      if (typeof saved === "number") setCount(saved);
    });
  }
  return (
    <button type="button" className="counter" onClick={click} aria-busy={pending}>
      Clicked {count} times
    </button>
  );
}
