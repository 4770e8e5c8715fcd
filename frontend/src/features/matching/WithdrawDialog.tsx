import { useState } from "react";
import { Button, Group, Modal, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PairView, ProgramKind } from "../../api/types";
import { ErrorAlert } from "../../shared/ErrorAlert";
import { useWithdrawPair } from "./matchingApi";
import { sideNames } from "./sides";
import { withdrawalBody } from "./withdrawal";

interface Props {
  pair: PairView;
  kind: ProgramKind;
  programId: string;
  opened: boolean;
  onClose: () => void;
}

/**
 * Before a pair ends: who leaves the program (either member, whose application is withdrawn, or
 * nobody) and, if said, why; whoever stays is emailed that they are free for a new partner.
 */
export function WithdrawDialog({ pair, kind, programId, opened, onClose }: Props) {
  const { t } = useTranslation();
  const withdraw = useWithdrawPair(programId);
  const [leaver, setLeaver] = useState<string>("nobody");
  const [reason, setReason] = useState("");
  const sides = sideNames(kind);
  const members = [
    { member: pair.mentor, side: t(`matching.sides.${sides.first}`) },
    { member: pair.mentee, side: t(`matching.sides.${sides.second}`) },
  ];
  const stays = members.find((m) => m.member.person_id !== leaver && leaver !== "nobody");
  return (
    <Modal opened={opened} onClose={onClose} title={t("matching.withdraw.title")} centered>
      <Stack gap="sm" data-testid="withdraw-dialog">
        <Radio.Group label={t("matching.withdraw.who")} value={leaver} onChange={setLeaver}>
          <Stack gap={6} mt={6}>
            {members.map(({ member, side }) => (
              <Radio key={member.person_id} value={member.person_id} label={t("matching.withdraw.member", { name: member.name, side })} />
            ))}
            <Radio value="nobody" label={t("matching.withdraw.both")} />
          </Stack>
        </Radio.Group>
        <Text size="sm" c="dimmed" data-testid="withdraw-effect">
          {stays ? t("matching.withdraw.oneLeaves", { stays: stays.member.name }) : t("matching.withdraw.bothLeave")}
        </Text>
        <Textarea label={t("matching.withdraw.reason")} autosize minRows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        {withdraw.error !== null && <ErrorAlert error={withdraw.error} />}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            color="red"
            loading={withdraw.isPending}
            onClick={() =>
              withdraw.mutate(
                { pairId: pair.id, body: withdrawalBody(leaver === "nobody" ? "nobody" : { person_id: leaver }, reason) },
                { onSuccess: onClose },
              )
            }
          >
            {t("matching.withdraw.confirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
