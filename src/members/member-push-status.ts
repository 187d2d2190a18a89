import { Injectable } from '@nestjs/common';

/** Answers which of the given members can be reached by push (an app install with a push target). */
export type PushStatusResolver = (memberIds: readonly string[]) => Promise<Set<string>>;

/**
 * Whether a member has push notifications enabled, for the member list and record (`pushEnabled`).
 * The register sits below self-service, which owns the members' devices (`member_devices`), so it
 * does not read that table: self-service registers a resolver at start
 * (src/self-service/member-push-status.provider.ts). Without one, nobody has push.
 */
@Injectable()
export class MemberPushStatus {
  private resolver: PushStatusResolver | null = null;

  register(resolver: PushStatusResolver): void {
    this.resolver = resolver;
  }

  /** The members among `memberIds` with push enabled (one query for the whole page). */
  async withPush(memberIds: readonly string[]): Promise<Set<string>> {
    return memberIds.length && this.resolver ? this.resolver(memberIds) : new Set();
  }
}
