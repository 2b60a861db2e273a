import { convert } from 'html-to-text';

/**
 * Helpdesk bodies are HTML (quoted replies, signatures, inline images). html-to-text is a maintained
 * converter that handles entities, lists and links far better than tag stripping; links keep their URL
 * because agents need tracking links, images are dropped because the panel shows text only.
 */
export function htmlToPlainText(html: string): string {
  if (!/[<&]/.test(html)) return html.trim();
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
    ],
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Prefers the vendor's plain-text body, falling back to converting the HTML one. */
export function bodyText(plain: string | null | undefined, html: string | null | undefined): string {
  if (plain && plain.trim() !== '') return plain.trim();
  return html ? htmlToPlainText(html) : '';
}

/** Escapes agent text for vendors that take an HTML body, so a reply is posted exactly as written. */
export function textToHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  return escaped
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('');
}
