import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  ClearButtons,
  FormatButtons,
  ImageButtons,
  LinkButtons,
  ListButtons,
  QuoteButtons,
  RichTextInput,
  RichTextInputToolbar,
  useTiptapEditor,
  type RichTextInputProps,
} from 'ra-input-rich-text';
import { useTranslate } from 'react-admin';

const LEVELS = [2, 3] as const;

/**
 * Subheadings h2/h3 only: the API keeps h2-h4 and drops h1, h5, h6, so the
 * stock LevelSelect (h1-h6) would offer headings that vanish on save.
 */
const SubheadingButtons = () => {
  const editor = useTiptapEditor();
  const translate = useTranslate();
  // Follow the selection (ra-input-rich-text's own buttons do the same
  // through @tiptap/react, which is not a dependency of this app).
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!editor) return undefined;
    const update = () => setTick((tick) => tick + 1);
    editor.on('transaction', update);
    return () => {
      editor.off('transaction', update);
    };
  }, [editor]);
  const active = LEVELS.find((level) => editor?.isActive('heading', { level })) ?? null;
  return (
    <ToggleButtonGroup size="small" exclusive value={active}>
      {LEVELS.map((level) => (
        <ToggleButton
          key={level}
          value={level}
          aria-label={translate(`app.content.editor.heading${level}`)}
          title={translate(`app.content.editor.heading${level}`)}
          disabled={!editor?.isEditable}
          onClick={() => editor?.chain().focus().toggleNode('heading', 'paragraph', { level }).run()}
          sx={{ fontWeight: 700, minWidth: 36 }}
        >
          {`H${level}`}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
};

/**
 * The rich-text body. Only what the server keeps is offered (no colours,
 * alignment or highlight: style attributes are removed on save).
 */
export const ContentRichTextInput = ({
  withImages = true,
  withHeadings = true,
  ...props
}: RichTextInputProps & { withImages?: boolean; withHeadings?: boolean }) => (
  <RichTextInput
    fullWidth
    toolbar={
      <RichTextInputToolbar size="small">
        {withHeadings && <SubheadingButtons />}
        <FormatButtons size="small" />
        <ListButtons size="small" />
        <LinkButtons size="small" />
        <QuoteButtons size="small" />
        {withImages && <ImageButtons size="small" />}
        <ClearButtons size="small" />
      </RichTextInputToolbar>
    }
    {...props}
  />
);
