"use client";
// Link: an <a> that navigates inside the app without reloading the page.
// Server components use it through gorsc.Link.
import { useEffect, useRef, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from "react";
import { isFragmentOnly, navigate, prefetch } from "gorsc:router.ts";
import { LinkContext } from "gorsc:nav.ts";

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  replace?: boolean;
  scroll?: boolean;
  /** "hover" (default): fetch the page when the pointer or focus reaches
   * the link; "viewport": as soon as the link is visible; "none". */
  prefetch?: "hover" | "viewport" | "none";
  children?: ReactNode;
};

let links = 0;

export function Link({ href, replace, scroll, prefetch: when = "hover", onClick, children, ...rest }: LinkProps) {
  const ref = useRef<HTMLAnchorElement>(null);
  // Names this Link's navigations, for useLinkStatus. Not useId: a
  // component that calls useId gives its children other ids (React's
  // materialized tree id), and the server writes Link's HTML from Go.
  const idRef = useRef("");
  if (idRef.current === "") idRef.current = "l" + ++links;
  const id = idRef.current;
  useEffect(() => {
    const el = ref.current;
    if (when !== "viewport" || !el || typeof IntersectionObserver === "undefined") return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        prefetch(href);
        io.disconnect();
      }
    });
    io.observe(el);
    return () => io.disconnect();
  }, [href, when]);
  const early = when === "none" ? undefined : () => prefetch(href);
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
    let url: URL;
    try {
      url = new URL(href, location.href);
    } catch {
      return;
    }
    if (url.protocol === "javascript:") {
      // Never run: navigate refuses it with a console error.
      e.preventDefault();
      void navigate(href);
      return;
    }
    // Other sites and schemes (mailto:, …) are the browser's; so is a
    // change of the fragment alone, which scrolls with no fetch and keeps
    // this entry's scroll position for Back.
    if (url.origin !== location.origin || isFragmentOnly(url)) return;
    e.preventDefault();
    void navigate(href, { replace, scroll, source: id });
  }
  return (
    <a ref={ref} href={href} onClick={click} onMouseEnter={early} onFocus={early} onTouchStart={early} {...rest}>
      <LinkContext value={id}>{children}</LinkContext>
    </a>
  );
}
