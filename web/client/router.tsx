// Pages are addressed by path under /app/ (so an email can link to one), switched without reloads.
import type { AnchorHTMLAttributes, ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export const BASE = '/app';

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new Event('kolokasi:navigate'));
  window.scrollTo(0, 0);
}

export function useLocation(): URL {
  const [url, setUrl] = useState(() => new URL(location.href));
  useEffect(() => {
    const update = (): void => setUrl(new URL(location.href));
    window.addEventListener('popstate', update);
    window.addEventListener('kolokasi:navigate', update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('kolokasi:navigate', update);
    };
  }, []);
  return url;
}

/** Matches "/app/permohonan/:no" against a path; the named parts, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)'))}/?$`);
  const found = regex.exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(found[i + 1] ?? '')]));
}

export function Link(props: { href: string; children: ComponentChildren; class?: string } & AnchorHTMLAttributes<HTMLAnchorElement>): JSX.Element {
  const { href, children, ...rest } = props;
  const onClick = (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a {...rest} href={href} onClick={onClick}>
      {children}
    </a>
  );
}
