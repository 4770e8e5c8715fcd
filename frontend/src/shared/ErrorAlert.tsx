import { Alert, Button, List } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { describeError } from "./errors";

interface Props {
  error: unknown;
  /** Field errors that no form field could show. */
  extra?: readonly string[];
  onRetry?: () => void;
}

export function ErrorAlert({ error, extra = [], onRetry }: Props) {
  const { t } = useTranslation();
  const { title, detail } = describeError(error, t);
  return (
    <Alert color="red" icon={<IconAlertCircle size={18} />} title={title} role="alert">
      {detail}
      {extra.length > 0 && (
        <List size="sm" mt={4}>
          {extra.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      )}
      {onRetry && (
        <Button variant="light" color="red" size="xs" mt="sm" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      )}
    </Alert>
  );
}
