"use client";
// Link: an <a> that navigates inside the app without reloading the page.
// Server components use it through gorsc.Link.
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from "react";
import { navigate } from "gorsc:router.ts";

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  replace?: boolean;
  scroll?: boolean;
  children?: ReactNode;
};

export function Link({ href, replace, scroll, onClick, children, ...rest }: LinkProps) {
  function click(e: MouseEvent<HTMLAnchorElement>) {
    onClick?.(e);
    if (
      e.defaultPrevented ||
      e.button !== 0 ||
      e.metaKey || e.ctrlKey || e.shiftKey || e.altKey ||
      (rest.target && rest.target !== "_self") ||
      rest.download !== undefined
    ) {
      return; // let the browser open it (new tab, download, …)
    }
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return;
    e.preventDefault();
    void navigate(href, { replace, scroll });
  }
  return (
    <a href={href} onClick={click} {...rest}>
      {children}
    </a>
  );
}
