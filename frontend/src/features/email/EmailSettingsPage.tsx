import { Card, Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { DELIVERY_STATES } from "../../api/types";
import { PageHeader } from "../../shared/PageHeader";
import { DeliveriesPanel } from "./DeliveriesPanel";
import { SuppressionsPanel } from "./SuppressionsPanel";
import { TemplatesPanel } from "./TemplatesPanel";

const TABS = ["templates", "suppressions", "deliveries"] as const;
type Tab = (typeof TABS)[number];

/** Settings → Email; `?tab=deliveries&state=failed` opens a filtered delivery list (linked from Home). */
export function EmailSettingsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get("tab")) ?? "templates";
  const state = DELIVERY_STATES.find((s) => s === params.get("state")) ?? null;
  return (
    <>
      <PageHeader title={t("email.title")} description={t("email.subtitle")} />
      <Tabs
        value={tab}
        onChange={(value) => {
          const next = TABS.find((x) => x === value);
          if (next) setParams(next === "templates" ? {} : { tab: next }, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`email.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Card withBorder padding="lg">
          <Tabs.Panel value="templates">
            <TemplatesPanel />
          </Tabs.Panel>
          <Tabs.Panel value="suppressions">
            <SuppressionsPanel />
          </Tabs.Panel>
          <Tabs.Panel value="deliveries">
            <DeliveriesPanel initialState={state} />
          </Tabs.Panel>
        </Card>
      </Tabs>
    </>
  );
}
