/**
 * An email's HTML, shown in a sandboxed frame: `sandbox=""` runs no script, submits no form and
 * gives the content an opaque origin, so it can neither reach the console nor its session.
 * It is never put into the console's own DOM.
 */
export function HtmlFrame({ html, title, height = 480 }: { html: string; title: string; height?: number }) {
  return (
    <iframe
      sandbox=""
      srcDoc={html}
      title={title}
      referrerPolicy="no-referrer"
      style={{ width: "100%", height, border: "1px solid var(--mantine-color-gray-3)", borderRadius: 8, background: "white" }}
    />
  );
}
