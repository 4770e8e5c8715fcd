import { createTheme } from "@mantine/core";

export const theme = createTheme({
  primaryColor: "indigo",
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Hiragino Sans", "Noto Sans JP", "Yu Gothic UI", Meiryo, sans-serif',
  defaultRadius: "md",
  focusRing: "auto",
  components: {
    Table: { defaultProps: { verticalSpacing: "sm", highlightOnHover: true } },
    // Badges show words as written ("Open", 「受付中」), not in capitals.
    Badge: { defaultProps: { tt: "none" } },
  },
});
