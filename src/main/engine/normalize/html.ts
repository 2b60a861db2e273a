import { compile } from 'html-to-text';

/**
 * HTML from helpdesks becomes plain text with html-to-text (a maintained HTML parser, not regexes
 * that scripts and comments can fool). Scripts, styles, images and quoted blocks are dropped; link
 * targets are dropped too because a reply needs the words, and URLs are a common injection vector.
 * Compiled once: per-call option parsing would triple the cost.
 */
const convertHtml = compile({
  wordwrap: false,
  preserveNewlines: false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'head', format: 'skip' },
    { selector: 'blockquote', format: 'skip' },
    { selector: 'div.gmail_quote', format: 'skip' },
    { selector: 'div.yahoo_quoted', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
  ],
});

/** A known HTML tag or comment; bounded so that `<<<<…` cannot make the test slow. */
const KNOWN_TAG =
  /<(?:!--|\/?(?:p|div|br|span|b|i|u|em|strong|a|img|table|tbody|tr|td|th|ul|ol|li|html|body|head|script|style|blockquote|h[1-6]|font|hr|pre|code|center|section|article|meta|title|iframe|svg|form|input|button)(?:\s[^<>]{0,500})?\/?>)/i;

/** Whether text looks like HTML (at least one real tag), so plain text skips the parser. */
export function looksLikeHtml(text: string): boolean {
  if (text.indexOf('<') === -1) return false;
  return KNOWN_TAG.test(text);
}

/** Converts HTML to readable text; plain text passes through untouched. */
export function htmlToPlainText(text: string): { text: string; wasHtml: boolean } {
  if (!looksLikeHtml(text)) return { text, wasHtml: false };
  return { text: convertHtml(text), wasHtml: true };
}
