import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Push subscriptions on the member's app installs (src/self-service/device.entity.ts): a provider
 * with an FCM/APNs token, or a Web Push endpoint and its keys. One install is active for one
 * member at a time (duplicates left by earlier versions, where another member's login on the same
 * install added a second row, are unregistered but for the most recently seen), and a push
 * target is held by one row at a time (an md5 of it: FCM tokens are longer than a btree key may be).
 * `member_devices_push_targets_idx` is the keyset the notification fan-out pages through.
 */
export class DevicePush1796500000000 implements MigrationInterface {
  name = 'DevicePush1796500000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "member_devices" ADD "push_provider" character varying(8)`,
      `ALTER TABLE "member_devices" ADD "push_token" character varying(4096)`,
      `ALTER TABLE "member_devices" ADD "push_endpoint" character varying(2048)`,
      `ALTER TABLE "member_devices" ADD "push_p256dh" character varying(100)`,
      `ALTER TABLE "member_devices" ADD "push_auth" character varying(32)`,
      `ALTER TABLE "member_devices" ADD "push_updated_at" TIMESTAMP WITH TIME ZONE`,
      `ALTER TABLE "member_devices" ADD CONSTRAINT "member_devices_push_check" CHECK ((push_provider IS NULL AND push_token IS NULL AND push_endpoint IS NULL AND push_p256dh IS NULL AND push_auth IS NULL) OR (push_provider = 'webpush' AND push_token IS NULL AND push_endpoint IS NOT NULL AND push_p256dh IS NOT NULL AND push_auth IS NOT NULL) OR (push_provider IN ('fcm','apns') AND push_token IS NOT NULL AND push_endpoint IS NULL AND push_p256dh IS NULL AND push_auth IS NULL))`,
      `UPDATE member_devices d SET unregistered_at = now()
        WHERE d.unregistered_at IS NULL
          AND EXISTS (SELECT 1 FROM member_devices o
                       WHERE o.device_id = d.device_id AND o.unregistered_at IS NULL AND o.id <> d.id
                         AND (o.last_seen_at, o.id) > (d.last_seen_at, d.id))`,
      `CREATE UNIQUE INDEX "member_devices_active_device_id_key" ON "member_devices" ("device_id") WHERE unregistered_at IS NULL`,
      `CREATE UNIQUE INDEX "member_devices_push_target_key" ON "member_devices" (md5(coalesce(push_token, push_endpoint))) WHERE push_provider IS NOT NULL`,
      `CREATE INDEX "member_devices_push_targets_idx" ON "member_devices" ("id") WHERE push_provider IS NOT NULL AND unregistered_at IS NULL`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `DROP INDEX "public"."member_devices_push_targets_idx"`,
      `DROP INDEX "public"."member_devices_push_target_key"`,
      `DROP INDEX "public"."member_devices_active_device_id_key"`,
      `ALTER TABLE "member_devices" DROP CONSTRAINT "member_devices_push_check"`,
      `ALTER TABLE "member_devices" DROP COLUMN "push_updated_at"`,
      `ALTER TABLE "member_devices" DROP COLUMN "push_auth"`,
      `ALTER TABLE "member_devices" DROP COLUMN "push_p256dh"`,
      `ALTER TABLE "member_devices" DROP COLUMN "push_endpoint"`,
      `ALTER TABLE "member_devices" DROP COLUMN "push_token"`,
      `ALTER TABLE "member_devices" DROP COLUMN "push_provider"`,
    ]) {
      await q.query(sql);
    }
  }
}
