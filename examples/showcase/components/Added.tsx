"use client";
// When the book was added, as "3 minutes ago", kept current by
// react-timeago (an npm React component).
import TimeAgo from "react-timeago";
import type { AddedProps } from "./Added.props";

export function Added({ at }: AddedProps) {
  return (
    <span className="timeago">
      <TimeAgo date={at} />
    </span>
  );
}
