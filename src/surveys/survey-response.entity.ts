import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Committee } from '../committees/committee.entity.js';
import { Member } from '../members/member.entity.js';
import { Survey } from './survey.entity.js';

/**
 * One member's filled-in survey. For an anonymous survey `member_id` and `committee_id` stay null
 * and nothing else names the member: the id is random (v4), and the time is kept to the day.
 * `score`/`passed` are a quiz's, fixed when the answer is given.
 */
@Entity('survey_responses')
@Check('survey_responses_score_check', `(score IS NULL) = (passed IS NULL) AND (score IS NULL OR score >= 0)`)
@Check('survey_responses_identity_check', `member_id IS NOT NULL OR committee_id IS NULL`)
export class SurveyResponse {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'survey_responses_pkey' })
  id: string;

  @Index('survey_responses_survey_id_idx')
  @Column({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @ManyToOne(() => Survey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id', foreignKeyConstraintName: 'survey_responses_survey_id_fkey' })
  survey?: Relation<Survey>;

  @Index('survey_responses_member_id_idx', { where: 'member_id IS NOT NULL' })
  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @ManyToOne(() => Member, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'member_id', foreignKeyConstraintName: 'survey_responses_member_id_fkey' })
  member?: Relation<Member> | null;

  @Column({ name: 'committee_id', type: 'integer', nullable: true })
  committeeId: number | null;

  @ManyToOne(() => Committee, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'committee_id', foreignKeyConstraintName: 'survey_responses_committee_id_fkey' })
  committee?: Relation<Committee> | null;

  /** The Vietnam calendar day of the answer; no finer time is kept. */
  @Column({ name: 'submitted_on', type: 'date' })
  submittedOn: string;

  /**
   * Counted in the results. An anonymous survey's answer is stored unreleased and released with the
   * others once SURVEY_ANONYMITY_K are waiting (SurveyResponsesService.submit; migration
   * 1795689100000-survey-anonymity), so its figures move only in steps of at least k answers.
   */
  @Column({ type: 'boolean', default: true })
  released: boolean;

  @Column({ type: 'integer', nullable: true })
  score: number | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;
}
