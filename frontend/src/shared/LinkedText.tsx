import { Anchor, Text } from "@mantine/core";
import { splitLinks } from "./links";

/** Plain text (an email's text part) with its http(s) links clickable; the text stays text. */
export function LinkedText({ text, testId }: { text: string; testId?: string }) {
  return (
    <Text
      component="pre"
      size="sm"
      data-testid={testId}
      style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere", fontFamily: "inherit", margin: 0 }}
    >
      {splitLinks(text).map((piece, i) =>
        piece.kind === "link" ? (
          <Anchor key={i} href={piece.href} target="_blank" rel="noopener noreferrer" inherit>
            {piece.href}
          </Anchor>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </Text>
  );
}
