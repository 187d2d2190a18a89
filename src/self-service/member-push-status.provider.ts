import { Injectable, type OnModuleInit } from '@nestjs/common';
import { MemberPushStatus } from '../members/member-push-status.js';
import { PushTargetsService } from './push-targets.service.js';

/** Tells the register which members can be reached by push (the register does not read `member_devices`). */
@Injectable()
export class MemberPushStatusProvider implements OnModuleInit {
  constructor(
    private readonly pushTargets: PushTargetsService,
    private readonly pushStatus: MemberPushStatus,
  ) {}

  onModuleInit(): void {
    this.pushStatus.register((ids) => this.pushTargets.membersWithPush(ids));
  }
}
