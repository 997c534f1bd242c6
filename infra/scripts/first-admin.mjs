// First administrator of a production installation. Production never seeds demo data and there is
// no public sign-up: this activates one commune and makes one person its admin, as the schema
// owner (MIGRATION_DATABASE_URL). Everyone else is then invited from the dashboard.
//
// Runs inside the server image, whose node_modules it uses (piped in on standard input):
//   docker compose -f infra/compose.yaml --env-file infra/.env run --rm -T \
//     -e COMMUNE_CODE=05101 -e ADMIN_EMAIL=ana@municipio.example -e ADMIN_NAME="Ana Pérez" \
//     migrate node --input-type=module - < infra/scripts/first-admin.mjs
// Kubernetes: see docs/deploy.md. Idempotent: run again to promote an existing account or to
// activate another commune. Prints a one-time password unless ADMIN_PASSWORD is given.
//
// Also the operator's recovery (docs/identity.md): for an existing account it lifts a platform
// lock and a suspension of its membership in the commune (both recorded in the logs), and with
// RESET_PASSWORD=1 it sets a new password (printed once unless ADMIN_PASSWORD is given) and ends
// the account's sessions.
import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";
import postgres from "postgres";
import { v7 as uuidv7 } from "uuid";

// The same argon2id parameters as packages/db/src/password.ts (OWASP minimum: 19 MiB, 2 passes).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const PASSWORD_MIN_LENGTH = 10;

function required(name) {
  const value = process.env[name]?.trim();
  if (!value) {
    console.error(`first-admin: set ${name}`);
    process.exit(2);
  }
  return value;
}

const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL;
if (!url) {
  console.error("first-admin: set MIGRATION_DATABASE_URL (the schema owner)");
  process.exit(2);
}
const country = (process.env.COMMUNE_COUNTRY || "CL").trim().toUpperCase();
const code = required("COMMUNE_CODE");
const email = required("ADMIN_EMAIL").toLowerCase();
const name = required("ADMIN_NAME");
const resetPassword = process.env.RESET_PASSWORD === "1";
const generated = !process.env.ADMIN_PASSWORD;
const password = process.env.ADMIN_PASSWORD || randomBytes(12).toString("base64url");
if (password.length < PASSWORD_MIN_LENGTH) {
  console.error(`first-admin: ADMIN_PASSWORD needs ${PASSWORD_MIN_LENGTH}+ characters`);
  process.exit(2);
}

const sql = postgres(url, { max: 1, onnotice: () => {} });
try {
  const result = await sql.begin(async (tx) => {
    const [commune] = await tx`
      select id, name, status from communes where country = ${country} and code = ${code}`;
    if (!commune) throw new Error(`no commune ${country} ${code} (codes: packages/db/data/cl-communes.csv)`);
    // Tenant tables FORCE row-level security, for the owner too: act inside this commune.
    await tx`select set_config('app.commune_id', ${commune.id}, true)`;
    if (commune.status !== "active") {
      await tx`
        update communes set status = 'active', activated_at = coalesce(activated_at, now()), updated_at = now()
        where id = ${commune.id}`;
    }
    let [user] = await tx`select id, disabled_at from users where lower(email) = ${email}`;
    const created = !user;
    if (!user) {
      [user] = await tx`
        insert into users (id, email, name, password_hash)
        values (${uuidv7()}, ${email}, ${name}, ${await hash(password, ARGON2)})
        returning id, disabled_at`;
    }
    // The platform log and the sessions are the account's own rows (RLS): act as that account.
    await tx`select set_config('app.user_id', ${user.id}, true)`;
    const unlocked = Boolean(user.disabled_at);
    if (unlocked) {
      await tx`update users set disabled_at = null, disabled_reason = null, updated_at = now() where id = ${user.id}`;
      await tx`
        insert into platform_audit_log (id, actor_user_id, subject_user_id, action, changes)
        values (${uuidv7()}, null, ${user.id}, 'account.unlocked',
                ${sql.json({ lockedSince: user.disabled_at, by: "operator (first-admin)" })})`;
    }
    const reset = !created && resetPassword;
    if (reset) {
      await tx`update users set password_hash = ${await hash(password, ARGON2)}, updated_at = now() where id = ${user.id}`;
      await tx`update refresh_tokens set revoked_at = now() where user_id = ${user.id} and revoked_at is null`;
      await tx`
        insert into platform_audit_log (id, actor_user_id, subject_user_id, action, changes)
        values (${uuidv7()}, null, ${user.id}, 'account.password_changed',
                ${sql.json({ sessionsEnded: true, by: "operator (first-admin)" })})`;
    }
    const [before] = await tx`
      select role, suspended_at from memberships where commune_id = ${commune.id} and user_id = ${user.id}`;
    await tx`
      insert into memberships (commune_id, user_id, role) values (${commune.id}, ${user.id}, 'admin')
      on conflict (commune_id, user_id) do update
        set role = 'admin', suspended_at = null, suspended_by = null, suspension_reason = null, updated_at = now()`;
    if (before?.role !== "admin") {
      await tx`
        insert into audit_log (id, commune_id, actor_user_id, action, entity_type, entity_id, changes)
        values (${uuidv7()}, ${commune.id}, null, 'member.role_changed', 'membership', ${user.id},
                ${sql.json({ role: { from: before?.role ?? null, to: "admin" }, by: "operator (first-admin)" })})`;
    }
    const reactivated = Boolean(before?.suspended_at);
    if (reactivated) {
      await tx`
        insert into audit_log (id, commune_id, actor_user_id, action, entity_type, entity_id, changes)
        values (${uuidv7()}, ${commune.id}, null, 'member.reactivated', 'membership', ${user.id},
                ${sql.json({ role: "admin", suspendedSince: before.suspended_at, by: "operator (first-admin)" })})`;
    }
    return { commune, created, unlocked, reset, reactivated };
  });
  console.log(`${result.commune.name} (${country} ${code}) is active; ${email} is its admin.`);
  if ((result.created || result.reset) && generated)
    console.log(`One-time password (keep it in a password manager; it is shown once): ${password}`);
  if (result.reset) console.log("The account's password was replaced and its sessions ended.");
  else if (!result.created) console.log("The account already existed: its password is unchanged.");
  if (result.unlocked) console.log("The account was locked platform-wide: it is unlocked.");
  if (result.reactivated) console.log("Its access to the commune was suspended: it is reactivated.");
} catch (error) {
  console.error(`first-admin: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  await sql.end({ timeout: 5 });
}
