import { describe, expect, it } from '@jest/globals';
import { isBlankRichText, isSafeLink, sanitizeRichText } from './html-sanitizer.js';

/** Nothing executable may survive: no script-ish tags, no handlers, no script-bearing URLs. */
function expectInert(html: string) {
  expect(html).not.toMatch(
    /<\s*(script|style|iframe|frame|object|embed|svg|math|base|meta|link|form|input|textarea|template|noscript|body)\b/i,
  );
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/javascript:|vbscript:|data:/i);
  expect(html).not.toMatch(/\sstyle\s*=/i);
  expect(html).not.toMatch(/<!--/);
}

// OWASP XSS filter evasion cheat sheet style payloads
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="https://a.vn/x.jpg" onerror="alert(1)">',
  "<IMG SRC=javascript:alert('XSS')>",
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<img """><script>alert("XSS")</script>">',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
  '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<a href="javascript:alert(1)">bấm</a>',
  '<a href="jav&#x09;ascript:alert(1)">bấm</a>',
  '<a href="jav&#x0A;ascript:alert(1)">bấm</a>',
  '<a href="jav\tascript:alert(1)">bấm</a>',
  '<a href=" &#14; javascript:alert(1)">bấm</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">bấm</a>',
  '<a href="JaVaScRiPt:alert(1)">bấm</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
  '<a href="vbscript:msgbox(1)">bấm</a>',
  '<a href="https://a.vn" onclick="alert(1)" onmouseover="alert(1)">bấm</a>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg/onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<style>body{display:none}</style>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math href="javascript:alert(1)">CLICKME</math>',
  '<scr<script>ipt>alert(1)</script>',
  '<<script>alert(1);//<</script>',
  '<!-- <script>alert(1)</script> --><p>a</p>',
  '<p onclick="alert(1)">x</p>',
  '<body onload=alert(1)>',
  '<BODY BACKGROUND="javascript:alert(\'XSS\')">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
  '<TABLE BACKGROUND="javascript:alert(\'XSS\')"><TD BACKGROUND="javascript:alert(\'XSS\')">',
  '<DIV STYLE="width: expression(alert(\'XSS\'));">',
  '<template><img src=x onerror=alert(1)></template>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)">',
  '<xss onafterscriptexecute=alert(1)><script>1</script>',
  '<a href="//evil.example">protocol-relative</a>',
];

describe('sanitizeRichText', () => {
  it.each(PAYLOADS)('neutralises %s', (payload) => {
    const out = sanitizeRichText(payload);
    expectInert(out);
    expect(sanitizeRichText(out)).toBe(out); // stable: storing and re-saving changes nothing
  });

  it('keeps ordinary Vietnamese rich text as it is', () => {
    const html = [
      '<h2>Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15</h2>',
      '<p>Sáng 12/3, tại Hội trường Tỉnh ủy, đồng chí <strong>Nguyễn Văn Ánh</strong>, Phó Bí thư Thường trực Tỉnh ủy, chủ trì hội nghị.</p>',
      '<p><em>Quán triệt</em> Nghị quyết số 18-NQ/TW; <u>đánh giá</u> kết quả &amp; <s>dự thảo cũ</s> phương hướng năm 2025.<br />Xem chi tiết bên dưới.</p>',
      '<h3>Nhiệm vụ trọng tâm</h3>',
      '<ul><li>Sắp xếp tổ chức bộ máy tinh gọn</li><li>Chuyển đổi số trong công tác đảng</li></ul>',
      '<ol><li>Tổng kết</li><li>Khen thưởng</li></ol>',
      '<blockquote>Đảng viên đi trước, làng nước theo sau.</blockquote>',
      '<figure><img src="https://baothainguyen.vn/anh/hoi-nghi.jpg" alt="Quang cảnh hội nghị" /><figcaption>Quang cảnh hội nghị</figcaption></figure>',
      '<table><thead><tr><th>Chỉ tiêu</th><th>Kết quả</th></tr></thead><tbody><tr><td>Kết nạp đảng viên</td><td colspan="1">1.250</td></tr></tbody></table>',
      '<p>Ảnh tư liệu: <img src="/api/files/3f2a/anh.png" alt="Ảnh" /></p>',
    ].join('');
    expect(sanitizeRichText(html)).toBe(html);
  });

  it('keeps links to the web and to mail, always opening a new tab without an opener', () => {
    expect(
      sanitizeRichText(
        '<p>Nguồn: <a href="https://baothainguyen.vn/tin/1" title="Báo Thái Nguyên" target="_self" rel="opener">Báo Thái Nguyên</a></p>',
      ),
    ).toBe(
      '<p>Nguồn: <a href="https://baothainguyen.vn/tin/1" title="Báo Thái Nguyên" target="_blank" rel="noopener noreferrer">Báo Thái Nguyên</a></p>',
    );
    expect(sanitizeRichText('<a href="mailto:banbientap@thainguyen.vn">thư</a>')).toBe(
      '<a href="mailto:banbientap@thainguyen.vn" target="_blank" rel="noopener noreferrer">thư</a>',
    );
  });

  it('drops the href of a script link but keeps its text', () => {
    expect(sanitizeRichText('<a href="jav&#x09;ascript:alert(1)">Xem thêm</a>')).toBe(
      '<a target="_blank" rel="noopener noreferrer">Xem thêm</a>',
    );
  });

  it('drops scripts and styles with their content, and unknown tags but not their text', () => {
    expect(
      sanitizeRichText('<p>Trước</p><script>alert("x")</script><style>p{}</style><div><span class="x">Giữa</span></div><p>Sau</p>'),
    ).toBe('<p>Trước</p>Giữa<p>Sau</p>');
  });

  it('drops images from anywhere but the web or this site', () => {
    expect(
      sanitizeRichText('<p><img src="data:image/png;base64,AAAA" alt="a" /><img src="x.png" /><img src="https://a.vn/b.png" /></p>'),
    ).toBe('<p><img src="https://a.vn/b.png" /></p>');
  });

  it('escapes text that looks like markup', () => {
    expect(sanitizeRichText('<p>1 &lt; 2 &amp;&amp; "a" &gt; b</p>')).toBe('<p>1 &lt; 2 &amp;&amp; "a" &gt; b</p>');
  });
});

describe('isBlankRichText', () => {
  it.each(['', '   ', '<p></p>', '<p><br></p>', '<p>&nbsp;</p>', '<script>x</script>'])('%s is blank', (html) => {
    expect(isBlankRichText(html)).toBe(true);
  });
  it.each(['<p>Tin</p>', '<img src="https://a.vn/x.png">'])('%s is not', (html) => {
    expect(isBlankRichText(html)).toBe(false);
  });
});

describe('isSafeLink', () => {
  it.each([
    ['https://baothainguyen.vn/tin-tuc/1.html', false],
    ['http://thainguyen.dcs.vn/a?b=c#d', false],
    ['/api/files/3f2a/anh.png', true],
    ['/api/files/3f2a/%E1%BA%A3nh.png', true],
    ['/api/files/3f2a/anh..v2.png', true],
  ])('accepts %s', (url, sitePath) => {
    expect(isSafeLink(url, sitePath)).toBe(true);
  });
  it.each([
    ['javascript:alert(1)', true],
    ['JavaScript:alert(1)', true],
    ['data:image/png;base64,AAAA', true],
    ['vbscript:x', true],
    ['//evil.example/x.png', true],
    ['https:/evil.example', true],
    ['ftp://a.vn/x', true],
    ['/api/../etc/passwd', true],
    // dot segments however they are spelled (issue 13): percent-encoded, mixed case, doubly encoded
    ['/api/%2e%2e/admin/users', true],
    ['/api/%2E%2E/admin/users', true],
    ['/api/%2e%2E/admin/users', true],
    ['/api/.%2e/admin/users', true],
    ['/api/%2e./admin/users', true],
    ['/api/files/%2e%2e', true],
    ['/api/%252e%252e/admin/users', true],
    ['/api/%25252e%25252e/admin/users', true],
    ['/api/./files/x.png', true],
    ['/api/%2e/files/x.png', true],
    ['/api/files/%2fadmin', true],
    ['/api/files/%5c..%5cadmin', true],
    ['/api/files/%zz', true],
    ['/other/path.png', true],
    ['/api/files/x.png', false],
    ['https://a.vn/ x', true],
    ['https://a.vn/"onerror=x', true],
    ['', true],
  ])('refuses %s', (url, sitePath) => {
    expect(isSafeLink(url, sitePath)).toBe(false);
  });
});
