import { describe, expect, it } from "vitest";
import { httpLink, splitLinks } from "./links";

describe("links in plain text", () => {
  it("finds an invitation link among text", () => {
    expect(splitLinks("Accept here: http://127.0.0.1:8080/invitations/accept?token=ab.c_d-9\nThanks")).toEqual([
      { kind: "text", text: "Accept here: " },
      { kind: "link", href: "http://127.0.0.1:8080/invitations/accept?token=ab.c_d-9" },
      { kind: "text", text: "\nThanks" },
    ]);
  });

  it("leaves a full stop, a closing bracket or Japanese text after a link out of it", () => {
    expect(splitLinks("Open https://x.example/a.")).toEqual([
      { kind: "text", text: "Open " },
      { kind: "link", href: "https://x.example/a" },
      { kind: "text", text: "." },
    ]);
    expect(splitLinks("(see https://x.example/a)")[1]).toEqual({ kind: "link", href: "https://x.example/a" });
    expect(splitLinks("https://x.example/wiki/A_(b)")[0]).toEqual({ kind: "link", href: "https://x.example/wiki/A_(b)" });
    expect(splitLinks("こちら：https://x.example/p?token=1。よろしく")).toEqual([
      { kind: "text", text: "こちら：" },
      { kind: "link", href: "https://x.example/p?token=1" },
      { kind: "text", text: "。よろしく" },
    ]);
  });

  it("makes only http(s) links clickable", () => {
    expect(splitLinks("javascript:alert(1) mailto:a@b.example ftp://x")).toEqual([
      { kind: "text", text: "javascript:alert(1) mailto:a@b.example ftp://x" },
    ]);
    expect(splitLinks("https:// nothing")).toEqual([{ kind: "text", text: "https:// nothing" }]);
  });

  it("keeps several links and empty text", () => {
    expect(splitLinks("")).toEqual([]);
    expect(splitLinks("https://a.example https://b.example").filter((p) => p.kind === "link")).toHaveLength(2);
  });
});

describe("links people may follow", () => {
  it("are absolute http(s) addresses only", () => {
    expect(httpLink("https://meet.example/abc")).toBe("https://meet.example/abc");
    expect(httpLink(" http://zoom.example/j/1 ")).toBe("http://zoom.example/j/1");
    expect(httpLink("javascript:alert(1)")).toBeNull();
    expect(httpLink("meet.example/abc")).toBeNull();
  });
});
