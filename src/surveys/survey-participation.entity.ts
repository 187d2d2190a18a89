import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Committee } from '../committees/committee.entity.js';
import { Member } from '../members/member.entity.js';
import { Survey } from './survey.entity.js';

/**
 * That a member answered a survey, and from which committee (their branch at the time): the
 * participation per sub-committee is counted from here. The primary key is the guard against a
 * second answer, also under a race. It holds no reference to the answer itself, so an anonymous
 * survey's answers cannot be joined back to the member; the day is all it records of the time.
 */
@Entity('survey_participations')
export class SurveyParticipation {
  @PrimaryColumn({ name: 'survey_id', type: 'uuid', primaryKeyConstraintName: 'survey_participations_pkey' })
  surveyId: string;

  @Index('survey_participations_member_id_idx')
  @PrimaryColumn({ name: 'member_id', type: 'uuid', primaryKeyConstraintName: 'survey_participations_pkey' })
  memberId: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id', foreignKeyConstraintName: 'survey_participations_survey_id_fkey' })
  survey?: Relation<Survey>;

  @ManyToOne(() => Member, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'survey_participations_member_id_fkey' })
  member?: Relation<Member>;

  @Index('survey_participations_committee_id_idx')
  @Column({ name: 'committee_id', type: 'integer' })
  committeeId: number;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'survey_participations_committee_id_fkey' })
  committee?: Relation<Committee>;

  /** The Vietnam calendar day of the answer. */
  @Column({ name: 'responded_on', type: 'date' })
  respondedOn: string;
}
