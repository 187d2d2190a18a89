import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema: extensions, the committee tree (ltree), member records, accounts and
 * sessions. `f_unaccent` is the IMMUTABLE, lower-casing wrapper of unaccent that the
 * diacritics-insensitive search indexes are built on ("nguyen van an" finds "Nguyễn Văn An").
 */
export class Foundation1764130000000 implements MigrationInterface {
  name = 'Foundation1764130000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE EXTENSION IF NOT EXISTS pgcrypto`,
      `CREATE EXTENSION IF NOT EXISTS ltree`,
      `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
      `CREATE EXTENSION IF NOT EXISTS unaccent`,
      `CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $fn$`,
      `CREATE TABLE "committees" ("id" SERIAL NOT NULL, "name" character varying(255) NOT NULL, "code" character varying(64) NOT NULL, "kind" character varying(16) NOT NULL, "parent_id" integer, "path" ltree NOT NULL, "phase" character varying(16) NOT NULL DEFAULT 'not_started', "phase_started_at" date, "target_install_rate" numeric(5,4), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "committees_target_rate_check" CHECK (target_install_rate IS NULL OR (target_install_rate >= 0 AND target_install_rate <= 1)), CONSTRAINT "committees_phase_check" CHECK (phase IN ('not_started','trial','pilot','live','on_hold')), CONSTRAINT "committees_kind_check" CHECK (kind IN ('central','province','subordinate','grassroots','branch')), CONSTRAINT "committees_pkey" PRIMARY KEY ("id"))`,
      `CREATE UNIQUE INDEX "committees_code_key" ON "committees"  ("code") `,
      `CREATE INDEX "committees_parent_id_idx" ON "committees"  ("parent_id") `,
      `CREATE TABLE "members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "full_name" character varying(255) NOT NULL, "gender" character varying(8) NOT NULL, "birth_date" date NOT NULL, "party_card_number" character varying(32), "status" character varying(16) NOT NULL, "admitted_at" date NOT NULL, "official_at" date, "exempted" boolean NOT NULL DEFAULT false, "exempted_at" date, "exempted_reason" text, "phone" character varying(20), "email" character varying(255), "committee_id" integer NOT NULL, "end_state" character varying(24), "ended_at" date, "end_reason" text, "not_installed_reason" character varying(32), "installed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "members_not_installed_reason_check" CHECK (not_installed_reason IS NULL OR not_installed_reason IN ('elderly','no_smartphone','special_unit_pending','exempted','other')), CONSTRAINT "members_end_state_check" CHECK (end_state IS NULL OR end_state IN ('transferred_out','resigned','removed','expelled','deceased')), CONSTRAINT "members_gender_check" CHECK (gender IN ('male','female')), CONSTRAINT "members_status_check" CHECK (status IN ('official','probationary')), CONSTRAINT "members_pkey" PRIMARY KEY ("id"))`,
      `CREATE UNIQUE INDEX "members_party_card_number_key" ON "members"  ("party_card_number") WHERE party_card_number IS NOT NULL`,
      `CREATE INDEX "members_committee_id_idx" ON "members"  ("committee_id") `,
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "password_hash" character varying(255) NOT NULL, "full_name" character varying(255) NOT NULL, "role" character varying(24) NOT NULL, "committee_id" integer, "member_id" uuid, "must_change_password" boolean NOT NULL DEFAULT false, "is_active" boolean NOT NULL DEFAULT true, "last_login_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "users_member_link_check" CHECK (role <> 'member' OR member_id IS NOT NULL), CONSTRAINT "users_scope_check" CHECK (role = 'admin' OR committee_id IS NOT NULL), CONSTRAINT "users_role_check" CHECK (role IN ('admin','committee_admin','secretary','editor','member')), CONSTRAINT "users_pkey" PRIMARY KEY ("id"))`,
      `CREATE UNIQUE INDEX "users_username_key" ON "users"  ("username") `,
      `CREATE INDEX "users_committee_id_idx" ON "users"  ("committee_id") `,
      `CREATE UNIQUE INDEX "users_member_id_key" ON "users"  ("member_id") WHERE member_id IS NOT NULL`,
      `CREATE TABLE "auth_sessions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(32), CONSTRAINT "auth_sessions_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "auth_sessions_user_id_idx" ON "auth_sessions"  ("user_id") `,
      `CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "refresh_tokens_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "refresh_tokens_session_id_idx" ON "refresh_tokens"  ("session_id") `,
      `CREATE UNIQUE INDEX "refresh_tokens_token_hash_key" ON "refresh_tokens"  ("token_hash") `,
      `CREATE TABLE "login_throttle" ("key" character varying(128) NOT NULL, "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL, CONSTRAINT "login_throttle_pkey" PRIMARY KEY ("key"))`,
      `ALTER TABLE "committees" ADD CONSTRAINT "committees_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "members" ADD CONSTRAINT "members_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "users" ADD CONSTRAINT "users_committee_id_fkey" FOREIGN KEY ("committee_id") REFERENCES "committees"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "users" ADD CONSTRAINT "users_member_id_fkey" FOREIGN KEY ("member_id") REFERENCES "members"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "auth_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `CREATE INDEX "committees_path_gist_idx" ON "committees" USING gist ("path")`,
      `CREATE INDEX "committees_name_search_idx" ON "committees" USING gin (f_unaccent("name") gin_trgm_ops)`,
      `CREATE INDEX "members_full_name_search_idx" ON "members" USING gin (f_unaccent("full_name") gin_trgm_ops)`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `DROP TABLE IF EXISTS "login_throttle"`,
      `DROP TABLE IF EXISTS "refresh_tokens"`,
      `DROP TABLE IF EXISTS "auth_sessions"`,
      `DROP TABLE IF EXISTS "users"`,
      `DROP TABLE IF EXISTS "members"`,
      `DROP TABLE IF EXISTS "committees"`,
      `DROP FUNCTION IF EXISTS f_unaccent(text)`,
    ]) {
      await q.query(sql);
    }
  }
}
