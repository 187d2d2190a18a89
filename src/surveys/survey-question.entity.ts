import { Check, Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { SurveyOption } from './survey-option.entity.js';
import { Survey } from './survey.entity.js';

export const QUESTION_TYPES = ['single', 'multiple', 'short_text', 'long_text', 'rating', 'section'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const CHOICE_TYPES: readonly QuestionType[] = ['single', 'multiple'];
export const TEXT_TYPES: readonly QuestionType[] = ['short_text', 'long_text'];

/** A rating scale runs from 1 to 5. */
export const RATING_MIN = 1;
export const RATING_MAX = 5;

/**
 * One block of a survey, in `position` order: a question, or a `section` heading (no answer).
 * `min_selections`/`max_selections` are for multiple choice; `points` for the choice questions of a quiz.
 */
@Entity('survey_questions')
@Check('survey_questions_type_check', `type IN ('single','multiple','short_text','long_text','rating','section')`)
@Check('survey_questions_selections_check', `type = 'multiple' OR (min_selections IS NULL AND max_selections IS NULL)`)
@Check(
  'survey_questions_selections_range_check',
  `(min_selections IS NULL OR min_selections >= 0) AND (max_selections IS NULL OR max_selections >= 1) AND (min_selections IS NULL OR max_selections IS NULL OR min_selections <= max_selections)`,
)
@Check('survey_questions_points_check', `points IS NULL OR (points >= 0 AND type IN ('single','multiple'))`)
@Check('survey_questions_section_check', `type <> 'section' OR NOT required`)
@Index('survey_questions_survey_id_position_idx', ['surveyId', 'position'])
export class SurveyQuestion {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'survey_questions_pkey' })
  id: string;

  @Column({ name: 'survey_id', type: 'uuid' })
  surveyId: string;

  @ManyToOne(() => Survey, (s) => s.questions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'survey_id', foreignKeyConstraintName: 'survey_questions_survey_id_fkey' })
  survey?: Relation<Survey>;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 16 })
  type: QuestionType;

  @Column({ type: 'varchar', length: 2000 })
  text: string;

  @Column({ type: 'boolean', default: false })
  required: boolean;

  @Column({ name: 'min_selections', type: 'integer', nullable: true })
  minSelections: number | null;

  @Column({ name: 'max_selections', type: 'integer', nullable: true })
  maxSelections: number | null;

  @Column({ type: 'integer', nullable: true })
  points: number | null;

  @OneToMany(() => SurveyOption, (o) => o.question)
  options?: Relation<SurveyOption>[];
}
