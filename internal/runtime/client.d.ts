// Types of "gorsc/client", the client API of gorsc for "use client"
// modules. gorsc build (and gorsc types) write this file into the app as
// gorsc-env.d.ts, so that TypeScript knows the module; do not edit that copy.
declare module "gorsc/client" {
  import type { AnchorHTMLAttributes, JSX, ReactNode } from "react";

  /** Options of router.push and router.replace. */
  export interface NavigateOptions {
    /** Scroll to the top (or to the URL's #fragment) after the page shows; default true. */
    scroll?: boolean;
  }

  /** The client router, as useRouter returns it. */
  export interface Router {
    /** Shows href without reloading the document and pushes a history entry. Resolves when the page is fetched and being shown. */
    push(href: string, opts?: NavigateOptions): Promise<void>;
    /** As push, replacing the current history entry. */
    replace(href: string, opts?: NavigateOptions): Promise<void>;
    /** Fetches the current page again (layouts included) and shows it, keeping client state. */
    refresh(): Promise<void>;
    /** history.back(). */
    back(): void;
    /** history.forward(). */
    forward(): void;
    /** Fetches href's page ahead of a likely navigation; used once within 30 s. */
    prefetch(href: string): void;
  }

  /** The router (a stable object: safe in effect dependencies). */
  export function useRouter(): Router;

  /** The path of the page React shows ("/notes/7"), without query or fragment. It changes together with the page. */
  export function usePathname(): string;

  /** The query of the page React shows, read-only (append, delete, set and sort throw). */
  export function useSearchParams(): Omit<URLSearchParams, "append" | "delete" | "set" | "sort">;

  /**
   * The wildcard values of the page pattern that matches the path, as the
   * server's r.PathValue gives them: {id: "7"} for "/notes/{id}" at
   * /notes/7; a {name...} wildcard holds the rest of the path. {} when no
   * page matches.
   */
  export function useParams<T extends Record<string, string> = Record<string, string>>(): Readonly<T>;

  /** Whether a navigation (a Link, router.push/replace/refresh, back/forward) is in flight. */
  export function useNavigationPending(): boolean;

  /** Inside a Link's children: whether a navigation this Link started is in flight. */
  export function useLinkStatus(): { pending: boolean };

  /** Props of Link: an <a>'s attributes, and how it navigates. */
  export type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
    href: string;
    /** Replace the current history entry instead of pushing one. */
    replace?: boolean;
    /** Scroll to the top after navigating; default true. */
    scroll?: boolean;
    /** "hover" (default): fetch the page when the pointer or focus reaches the link; "viewport": when it is visible; "none". */
    prefetch?: "hover" | "viewport" | "none";
    children?: ReactNode;
  };

  /** An <a> that navigates inside the app without reloading the document (gorsc.Link on the server). */
  export function Link(props: LinkProps): JSX.Element;

  /**
   * The error of an action call or navigation whose answer is not Flight:
   * status is the HTTP status; the message holds the answer's text.
   */
  export class ServerError extends Error {
    status: number;
    constructor(status: number, message: string);
  }
}

// Stylesheets imported by client modules (the bundler links them into the
// page): a CSS Module's default export maps its class names to the scoped
// ones of the build.
declare module "*.module.css" {
  const classes: { readonly [name: string]: string };
  export default classes;
}
declare module "*.css";
