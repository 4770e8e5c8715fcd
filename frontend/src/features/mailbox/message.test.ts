import { describe, expect, it } from "vitest";
import { formatAddress, readMessage } from "./message";

const CRLF = "\r\n";
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));
const message = (lines: string[]) => lines.join(CRLF);

// As the server writes it: multipart/alternative, an RFC 2047 subject, quoted-printable text, base64 HTML.
const japanese = message([
  "From: Tandem <no-reply@tandem.localhost>",
  "To: =?utf-8?b?5L2Q6Jek?= <kenji@sakura.example>",
  "Subject: =?utf-8?b?44GV44GP44KJ5bel5qWt44Gr5oub5b6F44GV44KM44G+44GX44Gf?=",
  "MIME-Version: 1.0",
  'Content-Type: multipart/alternative; boundary="b1"',
  "",
  "--b1",
  "Content-Type: text/plain; charset=utf-8",
  "Content-Transfer-Encoding: quoted-printable",
  "",
  "=E6=8B=9B=E5=BE=85=E3=82=92=E6=89=BF=E8=AA=8D: http://127.0.0.1:8080/invitati=",
  "ons/accept?token=3Dabc",
  "--b1",
  "Content-Type: text/html; charset=utf-8",
  "Content-Transfer-Encoding: base64",
  "",
  base64('<p><a href="http://127.0.0.1:8080/invitations/accept?token=abc">承認</a></p>'),
  "--b1--",
  "",
]);

describe("reading a mailbox message", () => {
  it("decodes encoded headers and both parts", async () => {
    const mail = await readMessage(japanese);
    expect(mail.subject).toBe("さくら工業に招待されました");
    expect(mail.from).toBe("Tandem <no-reply@tandem.localhost>");
    expect(mail.to).toEqual(["佐藤 <kenji@sakura.example>"]);
    expect(mail.text.trim()).toBe("招待を承認: http://127.0.0.1:8080/invitations/accept?token=abc");
    expect(mail.html).toContain('href="http://127.0.0.1:8080/invitations/accept?token=abc"');
  });

  it("has no HTML part for a plain-text message", async () => {
    const mail = await readMessage(message(["To: a@b.example", "Subject: Hi", "", "Hello"]));
    expect(mail).toMatchObject({ subject: "Hi", from: "", to: ["a@b.example"], html: null });
    expect(mail.text.trim()).toBe("Hello");
  });

  it("writes addresses and groups as people read them", () => {
    expect(formatAddress({ name: "", address: "a@b.example" })).toBe("a@b.example");
    expect(formatAddress({ name: "Team", group: [{ name: "A", address: "a@b.example" }] })).toBe("Team: A <a@b.example>");
  });
});
