import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The member web app (app/) registers its installs with platform `web` (src/self-service/device.entity.ts). */
export class WebDevices1796527044465 implements MigrationInterface {
  name = 'WebDevices1796527044465';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "member_devices" DROP CONSTRAINT "member_devices_platform_check"`);
    await q.query(
      `ALTER TABLE "member_devices" ADD CONSTRAINT "member_devices_platform_check" CHECK (platform IN ('ios','android','web'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "member_devices" WHERE platform = 'web'`);
    await q.query(`ALTER TABLE "member_devices" DROP CONSTRAINT "member_devices_platform_check"`);
    await q.query(`ALTER TABLE "member_devices" ADD CONSTRAINT "member_devices_platform_check" CHECK (platform IN ('ios','android'))`);
  }
}
