import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { SurveyQuestion } from './survey-question.entity.js';

/** A choice of a single- or multiple-choice question; `correct` marks a quiz's right answers. */
@Entity('survey_options')
@Index('survey_options_question_id_position_idx', ['questionId', 'position'])
export class SurveyOption {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'survey_options_pkey' })
  id: string;

  @Column({ name: 'question_id', type: 'uuid' })
  questionId: string;

  @ManyToOne(() => SurveyQuestion, (q) => q.options, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'question_id', foreignKeyConstraintName: 'survey_options_question_id_fkey' })
  question?: Relation<SurveyQuestion>;

  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 1000 })
  text: string;

  @Column({ type: 'boolean', default: false })
  correct: boolean;
}
