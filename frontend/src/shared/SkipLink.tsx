import { useTranslation } from "react-i18next";

/** The id of every page's main region, where the skip link leads. */
export const MAIN_ID = "main";

/** The first thing Tab reaches: hidden until focused, it moves focus past the header and navigation. */
export function SkipLink() {
  const { t } = useTranslation();
  return (
    <a
      href={`#${MAIN_ID}`}
      className="tandem-skip-link"
      onClick={(event) => {
        const main = document.getElementById(MAIN_ID);
        if (!main) return;
        event.preventDefault();
        main.focus();
      }}
    >
      {t("a11y.skipToMain")}
    </a>
  );
}
