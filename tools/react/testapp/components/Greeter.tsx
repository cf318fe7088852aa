"use client";

// Test fixture: a client component that receives a server action, data and
// server-rendered children as props.
import { useState, type ReactNode } from "react";

export function Greeter({
  greet,
  name,
  children,
}: {
  greet: (name: string) => Promise<{ text: string; n: number }>;
  name: string;
  children?: ReactNode;
}) {
  const [reply, setReply] = useState("");
  return (
    <div className="greeter">
      <button type="button" onClick={async () => {
        const r = await greet(name);
        setReply(`${r.text} (${r.n})`);
      }}>
        Greet
      </button>
      <output>{reply}</output>
      {children}
    </div>
  );
}
