import { describe, expect, it } from "vitest";
import type { PersonView } from "../../api/types";
import { conflictField, emptyFormValues, toFormValues, toPersonInput } from "./personForm";

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

describe("adding a person", () => {
  it("starts blank, in the company's language, and sends only what was filled in", () => {
    const values = { ...emptyFormValues("ja"), external_id: " N1 ", name: "Hana Ito", email: "hana@x.example", title: "=1+1" };
    expect(toPersonInput(values, false)).toEqual({
      external_id: "N1",
      name: "Hana Ito",
      name_reading: null,
      email: "hana@x.example",
      department: null,
      function: null,
      region: null,
      location: null,
      job_level: null,
      title: "=1+1",
      manager_external_id: null,
      time_zone: null,
      languages: [],
      skills: [],
      is_executive: false,
      hire_date: null,
      preferred_locale: "ja",
    });
  });

  it("puts a taken employee ID or email beside its field", () => {
    expect(conflictField({ status: 409, code: "external_id_exists" })).toBe("external_id");
    expect(conflictField({ status: 409, code: "email_belongs_to" })).toBe("email");
  });

  it("leaves other conflicts and other refusals to the alert above the form", () => {
    expect(conflictField({ status: 409, code: "external_id_or_email_taken" })).toBeNull();
    expect(conflictField({ status: 422, code: "external_id_exists" })).toBeNull();
  });
});
