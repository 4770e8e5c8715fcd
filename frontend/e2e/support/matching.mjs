// Setting up a program to match through the API from node, as tests/api/matching.rs does: a
// directory with a reporting line, a reverse program recruiting, a closed campaign inviting
// everyone, each invitee applying by the personal link in their email and confirming by the
// link in the next one, and every application accepted.
import assert from "node:assert/strict";
import { baseUrl } from "./browser.mjs";
import { emailWithLink } from "./outbox.mjs";

/** Calls the API as `token` (or nobody), expects `status` and returns the JSON answer. */
export async function call(method, path, { token, body, status = 200 } = {}) {
  const request = () =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  let response;
  try {
    response = await request();
  } catch (error) {
    // Node keeps connections open between calls and the server closes one idle for 5 s: a
    // call made just as it does finds the socket closed before the request went out. Once more,
    // on a new connection; any other failure is the test's.
    const closed = ["UND_ERR_SOCKET", "ECONNRESET"].includes(error?.cause?.code);
    if (!closed) throw error;
    response = await request();
  }
  const text = await response.text();
  assert.equal(response.status, status, `${method} ${path}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** An access token for someone who signed up in the browser. */
export async function accessToken({ email, password }) {
  return (await call("POST", "/api/v1/auth/login", { body: { email, password } })).access_token;
}

const message = {
  en: { subject: "Teach a manager what you know", body: "Hello {{ name }},\n\nJoin {{ program }}: {{ link }}" },
  ja: { subject: "マネージャーに教えてみませんか", body: "{{ name }}さん\n\n{{ program }}に参加しませんか: {{ link }}" },
};

/** The token of the first link in an email to `email` whose address contains `path`. */
async function tokenFromEmail(outboxDir, email, path) {
  const found = await emailWithLink(outboxDir, email, new RegExp(path.replace(/[?]/g, "\\?")));
  const token = new URL(found.link).searchParams.get("token");
  assert.ok(token, `a token in ${found.link}`);
  return token;
}

/**
 * A recruiting reverse program (template `reverse_digital_skills`: mentors at levels 1–4,
 * mentees at 8 and up) whose `applicants` (email, role, can teach, wants to learn) are all
 * accepted; `people` are upserted first. An applicant marked `inBrowser` applies through
 * `applyInBrowser(applicant, link)` with the personal link of their email instead of the API.
 * Returns the program's id.
 */
export async function programWithApplicants({ token, outboxDir, people, applicants, locale = "en", applyInBrowser }) {
  await call("POST", "/api/v1/people/bulk", { token, body: { people } });
  const program = await call("POST", "/api/v1/programs/from-template", {
    token,
    body: { template: "reverse_digital_skills", locale },
    status: 201,
  });
  await call("POST", `/api/v1/programs/${program.id}/transitions`, { token, body: { to: "recruiting" } });
  const campaign = await call("POST", `/api/v1/programs/${program.id}/campaigns`, {
    token,
    body: { name: "Everyone", kind: "closed", messages: message },
    status: 201,
  });
  const added = await call("POST", `/api/v1/campaigns/${campaign.id}/invitees`, { token, body: { filter: {} } });
  assert.equal(added.added, applicants.length, JSON.stringify(added));
  await call("POST", `/api/v1/campaigns/${campaign.id}/transitions`, { token, body: { to: "open" } });
  for (const a of applicants) {
    if (a.inBrowser) {
      await applyInBrowser(a, (await emailWithLink(outboxDir, a.email, /\/apply\?token=/)).link);
      const confirm = await tokenFromEmail(outboxDir, a.email, "/applications/confirm?token=");
      await call("POST", "/api/v1/public/applications/confirm", { body: { token: confirm } });
      continue;
    }
    const personal = await tokenFromEmail(outboxDir, a.email, "/apply?token=");
    const form = {
      role_wanted: a.role,
      can_teach: a.teach,
      wants_to_learn: a.learn,
      goals: "Grow",
      availability: "Tuesdays",
      languages: [],
      consent: true,
    };
    await call("POST", `/api/v1/public/campaigns/${personal}/applications`, { body: form, status: 202 });
    const confirm = await tokenFromEmail(outboxDir, a.email, "/applications/confirm?token=");
    await call("POST", "/api/v1/public/applications/confirm", { body: { token: confirm } });
  }
  const applications = await call("GET", `/api/v1/campaigns/${campaign.id}/applications`, { token });
  assert.equal(applications.items.length, applicants.length);
  for (const application of applications.items) {
    await call("POST", `/api/v1/applications/${application.id}/decision`, {
      token,
      body: { decision: "accept", notify: false },
    });
  }
  return program.id;
}

/**
 * An active program with published pairs: `programWithApplicants`, one matching run (through the
 * API, waited for), the program moved to matching (closing its campaign), and the run published,
 * which makes the program active. Returns the program's id and its pairs.
 */
export async function activeProgramWithPairs({ token, outboxDir, people, applicants }) {
  const programId = await programWithApplicants({ token, outboxDir, people, applicants });
  const started = await call("POST", `/api/v1/programs/${programId}/matching-runs`, { token, body: {}, status: 202 });
  let run = started;
  const deadline = Date.now() + 60_000;
  while (run.state !== "done" && run.state !== "failed") {
    assert.ok(Date.now() < deadline, `run ${run.id} still ${run.state}`);
    await new Promise((r) => setTimeout(r, 250));
    run = await call("GET", `/api/v1/matching-runs/${started.id}`, { token });
  }
  assert.equal(run.state, "done", JSON.stringify(run));
  await call("POST", `/api/v1/programs/${programId}/transitions`, { token, body: { to: "matching", close_campaigns: true } });
  // Publishing the first pairs makes the program active.
  const published = await call("POST", `/api/v1/matching-runs/${run.id}/publish`, { token });
  assert.equal(published.program_state, "active", JSON.stringify(published));
  const pairs = (await call("GET", `/api/v1/programs/${programId}/pairs`, { token })).items;
  return { programId, pairs };
}
