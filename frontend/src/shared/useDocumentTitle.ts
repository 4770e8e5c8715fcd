import { useEffect } from "react";

/** "People · Tandem": the page's name first, so tabs and screen readers tell pages apart. */
export function documentTitle(page: string): string {
  const name = page.trim();
  return name ? `${name} · Tandem` : "Tandem";
}

/** Names the page in the browser tab, in the console's current language. */
export function useDocumentTitle(page: string): void {
  useEffect(() => {
    document.title = documentTitle(page);
  }, [page]);
}
