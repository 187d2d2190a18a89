import sanitizeHtml from 'sanitize-html';

/**
 * The rich text editors may put in a content body, and nothing else. Bodies are sanitised when they
 * are written (the database only ever holds the clean HTML), so every reader — the dashboard, the
 * mobile app's web view, an export — gets markup without scripts, styles, frames, event handlers or
 * script-bearing URLs.
 *
 * Allowed: paragraphs and line breaks, bold/italic/underline/strike, headings h2–h4, lists, quotes,
 * links (http, https, mailto; always opened in a new tab without an opener), images (http, https or
 * a site path), figures with captions, and simple tables. Everything else is dropped: unknown tags
 * lose their markup but keep their text; scripts, styles, frames, SVG/MathML and form controls lose
 * their content too. Comments and all `style`/`class`/`on*` attributes go.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'h2',
    'h3',
    'h4',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'img',
    'figure',
    'figcaption',
    'table',
    'caption',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedStyles: {},
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  // tags whose text is not content: dropped with everything inside them
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'select',
    'noscript',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'template',
    'svg',
    'math',
    'title',
    'head',
    'xmp',
    'noembed',
    'noframes',
    'plaintext',
    'button',
  ],
  // an image must come from an http(s) URL or this site's /api/ files; anything else is dropped
  exclusiveFilter: (frame) => frame.tag === 'img' && !isSafeLink(frame.attribs.src ?? '', true),
  transformTags: {
    a: (tagName, attribs) => {
      const out: Record<string, string> = {};
      if (attribs.href !== undefined) out.href = attribs.href;
      if (attribs.title !== undefined) out.title = attribs.title;
      out.target = '_blank';
      out.rel = 'noopener noreferrer';
      return { tagName, attribs: out };
    },
  },
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** True when the HTML has no visible text and no image (an "empty" editor value like `<p><br></p>`). */
export function isBlankRichText(html: string): boolean {
  if (/<img\s/i.test(html)) return false;
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/&nbsp;|\s|\u00a0/g, '') === '';
}

/** Percent-decoding rounds before a site path counts as hostile (`%25252e` is three rounds). */
const MAX_DECODE_ROUNDS = 4;

/**
 * A path on this site with no dot segment however it is spelled: each segment is percent-decoded
 * until it stops changing (`%2e`, `%2E`, `%252e`…), and a segment that is then `.` or `..`, that
 * holds a slash, a backslash or a control character, or that does not decode, refuses the link.
 * Browsers and proxies differ in what they normalise, so what any of them could read as a step
 * up is refused.
 */
function isSafeSitePath(path: string): boolean {
  for (const raw of path.split('/')) {
    let segment = raw;
    for (let round = 0; segment.includes('%'); round++) {
      if (round === MAX_DECODE_ROUNDS) return false;
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return false;
      }
      if (decoded === segment) break;
      segment = decoded;
    }
    // control characters in a path are refused on purpose
    // eslint-disable-next-line no-control-regex
    if (segment === '.' || segment === '..' || /[/\\\u0000-\u001f\u007f]/.test(segment)) return false;
  }
  return true;
}

/**
 * An http(s) URL with a host, or an absolute path on this site under `/api/` (an uploaded file).
 * Used for cover images and source links; `javascript:`, `data:`, protocol-relative and other
 * schemes are refused.
 */
export function isSafeLink(value: string, allowSitePath: boolean): boolean {
  // control characters in a link are refused on purpose
  // eslint-disable-next-line no-control-regex
  if (value.length > 1000 || /[\s\u0000-\u001f\u007f<>"'`\\]/.test(value)) return false;
  if (allowSitePath && /^\/api\/[A-Za-z0-9\-._~!$&()*+,;=:@%/]+$/.test(value)) return isSafeSitePath(value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0 && /^https?:\/\/[^/]/i.test(value);
}
