import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { SurveyOption } from './survey-option.entity.js';
import { SurveyQuestion } from './survey-question.entity.js';
import { SurveyResponse } from './survey-response.entity.js';

/**
 * One answer of a response: a chosen option (one row per option chosen, so results are a GROUP BY),
 * a text, or a rating value. Exactly one of the three is set.
 */
@Entity('survey_answers')
@Check('survey_answers_one_value_check', `num_nonnulls(option_id, text, value) = 1`)
@Check('survey_answers_value_check', `value IS NULL OR (value >= 1 AND value <= 5)`)
@Index('survey_answers_question_id_option_id_idx', ['questionId', 'optionId'])
export class SurveyAnswer {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'survey_answers_pkey' })
  id: string;

  @Index('survey_answers_response_id_idx')
  @Column({ name: 'response_id', type: 'uuid' })
  responseId: string;

  @ManyToOne(() => SurveyResponse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id', foreignKeyConstraintName: 'survey_answers_response_id_fkey' })
  response?: Relation<SurveyResponse>;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @ManyToOne(() => SurveyQuestion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'survey_answers_question_id_fkey' })
  question?: Relation<SurveyQuestion>;

  @Index('survey_answers_option_id_idx', { where: 'option_id IS NOT NULL' })
  @Column({ name: 'option_id', type: 'uuid', nullable: true })
  optionId: string | null;

  @ManyToOne(() => SurveyOption, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'option_id', foreignKeyConstraintName: 'survey_answers_option_id_fkey' })
  option?: Relation<SurveyOption> | null;

  @Column({ type: 'text', nullable: true })
  text: string | null;

  @Column({ type: 'smallint', nullable: true })
  value: number | null;
}
