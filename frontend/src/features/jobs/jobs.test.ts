import { describe, expect, it } from "vitest";
import { depthColor, payloadSummary } from "./jobs";

describe("job queue", () => {
  it("summarises a payload's plain fields on one line", () => {
    expect(payloadSummary({ delivery_id: "0193", tenant_id: "01ab", nested: { x: 1 } })).toBe("delivery_id: 0193, tenant_id: 01ab");
    expect(payloadSummary({ nested: { x: 1 } })).toBe('{"nested":{"x":1}}');
    expect(payloadSummary({ text: "x".repeat(200) }, 20)).toBe(`text: ${"x".repeat(13)}…`);
    expect(payloadSummary({ text: "x".repeat(200) }, 20)).toHaveLength(20);
  });

  it("colours dead letters and retries only when there are any", () => {
    expect(depthColor("dead", 0)).toBe("gray");
    expect(depthColor("dead", 2)).toBe("red");
    expect(depthColor("retrying", 1)).toBe("orange");
  });
});
