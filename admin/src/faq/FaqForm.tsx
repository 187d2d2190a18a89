import { BooleanInput, SimpleForm, TextArrayInput, TextInput, maxLength, minLength, required, type SimpleFormProps } from 'react-admin';
import { CommitteeInput, homeCommitteeId } from '../documents/content';
import { ContentRichTextInput } from '../news/ContentRichTextInput';

// Limits of the API's CreateFaqDto.
export const validateQuestion = [required(), minLength(3), maxLength(500)];
export const validateCategory = [required(), maxLength(64)];
export const validateKeywords = (keywords: string[] | null | undefined) =>
  keywords && keywords.length > 50 ? { message: 'resources.faqs.validation.too_many_keywords', args: { max: 50 } } : undefined;

/** An editor left empty still holds "<p></p>". */
export const validateAnswer = (value: string | null | undefined) => {
  const html = value ?? '';
  if (
    !html
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .trim()
  ) {
    return 'ra.validation.required';
  }
  if (html.length > 20000) {
    return { message: 'ra.validation.maxLength', args: { max: 20000 } };
  }
  return undefined;
};

/**
 * The answer takes light HTML only (p, br, strong, em, u, lists, links,
 * quotes): the editor offers no headings or images for it.
 */
export const FaqAnswerInput = () => (
  <ContentRichTextInput
    source="answer"
    label="resources.faqs.fields.answer"
    validate={validateAnswer}
    withImages={false}
    withHeadings={false}
    helperText="resources.faqs.helpers.answer"
  />
);

/** Inputs shared by the create and edit views. */
export const FaqForm = (props: Omit<SimpleFormProps, 'children'>) => (
  <SimpleForm
    defaultValues={{
      committeeId: homeCommitteeId(),
      keywords: [],
      published: false,
    }}
    {...props}
  >
    <TextInput source="question" validate={validateQuestion} fullWidth />
    <FaqAnswerInput />
    <TextInput source="category" validate={validateCategory} helperText="resources.faqs.helpers.category" />
    <TextArrayInput source="keywords" validate={validateKeywords} helperText="resources.faqs.helpers.keywords" fullWidth />
    <CommitteeInput helperText="resources.faqs.helpers.committeeId" />
    <BooleanInput source="published" helperText="resources.faqs.helpers.published" />
  </SimpleForm>
);
