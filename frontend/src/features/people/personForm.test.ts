import { describe, expect, it } from "vitest";
import type { PersonView } from "../../api/types";
import { toFormValues, toPersonInput } from "./personForm";

const person = {
  id: "01936f0e-3c2a-7b7e-9d1f-2a3b4c5d6e7f",
  external_id: "S001",
  name: "山本 健一",
  name_reading: "ヤマモト ケンイチ",
  email: "kenichi.yamamoto@sakura-mfg.example",
  languages: [],
  skills: [],
  is_executive: false,
  preferred_locale: "ja",
} as unknown as PersonView;

describe("person form", () => {
  it("keeps the name reading, and sends an emptied one as not set", () => {
    const values = toFormValues(person);
    expect(values.name_reading).toBe("ヤマモト ケンイチ");
    expect(toPersonInput(values, false).name_reading).toBe("ヤマモト ケンイチ");
    expect(toPersonInput({ ...values, name_reading: "  " }, false).name_reading).toBeNull();
    expect(toFormValues({ ...person, name_reading: null }).name_reading).toBe("");
  });
});
