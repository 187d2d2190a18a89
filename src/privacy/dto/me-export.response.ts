import { ApiProperty } from '@nestjs/swagger';
import { MemberActivityRecord } from '../../analytics/dto/member-activity.response.js';
import { MembershipPersonalData } from '../../self-service/dto/me.response.js';
import { MySurveyRecord } from '../../surveys/dto/survey-personal-data.response.js';

/** GET /api/me/export: everything the system holds about the member, as one JSON document. */
export class MeExport extends MembershipPersonalData {
  @ApiProperty({ type: 'string', format: 'date-time' }) exportedAt: Date;
  @ApiProperty({ type: MySurveyRecord, isArray: true, description: 'The surveys and quizzes the member answered' })
  surveys: MySurveyRecord[];
  @ApiProperty({ type: MemberActivityRecord, description: 'What the usage statistics hold about the member' })
  activity: MemberActivityRecord;
}
