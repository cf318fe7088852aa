"use client";

// Test fixture: renders the bytes of a binary prop (a Uint8Array).
export function Bytes({ data }: { data: Uint8Array }) {
  return <output className="bytes">{`${data.constructor.name}:${Array.from(data).join(",")}`}</output>;
}
