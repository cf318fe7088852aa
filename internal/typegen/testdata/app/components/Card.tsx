"use client";
import type { CardProps } from "./Card.props";

export default function Card({ heading }: CardProps) {
  return <h2>{heading}</h2>;
}
