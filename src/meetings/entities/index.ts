import { MeetingAgendaAttachment } from './meeting-agenda-attachment.entity.js';
import { MeetingAgendaItem } from './meeting-agenda-item.entity.js';
import { MeetingAttendance } from './meeting-attendance.entity.js';
import { MeetingComment } from './meeting-comment.entity.js';
import { MeetingExcuse } from './meeting-excuse.entity.js';
import { MeetingGuidance } from './meeting-guidance.entity.js';
import { MeetingMinutesAddendum } from './meeting-minutes-addendum.entity.js';
import { MeetingMotion } from './meeting-motion.entity.js';
import { MeetingTask } from './meeting-task.entity.js';
import { MeetingTemplate } from './meeting-template.entity.js';
import { Meeting } from './meeting.entity.js';
import { MotionSecretBallot } from './motion-secret-ballot.entity.js';
import { MotionVote } from './motion-vote.entity.js';
import { MotionVoter } from './motion-voter.entity.js';

export {
  Meeting,
  MeetingAgendaAttachment,
  MeetingAgendaItem,
  MeetingAttendance,
  MeetingComment,
  MeetingExcuse,
  MeetingGuidance,
  MeetingMinutesAddendum,
  MeetingMotion,
  MeetingTask,
  MeetingTemplate,
  MotionSecretBallot,
  MotionVote,
  MotionVoter,
};

/** The meetings module's tables. */
export const MEETING_ENTITIES = [
  Meeting,
  MeetingAgendaItem,
  MeetingAgendaAttachment,
  MeetingGuidance,
  MeetingTemplate,
  MeetingExcuse,
  MeetingComment,
  MeetingAttendance,
  MeetingMotion,
  MotionVote,
  MotionSecretBallot,
  MotionVoter,
  MeetingTask,
  MeetingMinutesAddendum,
];
