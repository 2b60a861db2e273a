/**
 * Finds the parts of an e-mail that are not the customer's new words: the quoted reply chain and the
 * signature. Analysing the old thread would re-detect last week's intent and redact text the agent
 * never needs, so these are cut before anything else looks at the message.
 */

/** A line that starts a quoted chain: everything from it to the end is old thread. */
const CHAIN_START: readonly RegExp[] = [
  /^-{2,}\s*(?:Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine|Mensaje original)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(?:On|Am|Le|El|Il|Op)\s.{0,300}(?:wrote|schrieb|a écrit|escribió|ha scritto|schreef)\s?:\s*$/i,
  /^From:\s.{1,300}$/i,
  /^(?:Begin forwarded message|Inizio messaggio inoltrato)\s?:\s*$/i,
];

/** A line that starts a signature: everything from it to the end is boilerplate. */
const SIGNATURE_START: readonly RegExp[] = [
  /^-- ?$/,
  /^Sent from my (?:iPhone|iPad|Android|Samsung|Galaxy|Pixel|mobile|phone|BlackBerry|Huawei)\b.{0,60}$/i,
  /^Sent from (?:Mail|Outlook|Yahoo Mail|Gmail|AOL)\b.{0,60}$/i,
  /^Get Outlook for (?:iOS|Android)\s*$/i,
  /^(?:Enviado desde mi|Von meinem|Envoyé de mon|Inviato dal mio) .{1,60}$/i,
];

/** "On Mon, 3 Jun 2024 at 10:02, Jane <jane@x.com>" + next line "wrote:" (mail clients wrap it). */
const CHAIN_START_SPLIT = /^(?:On|Am|Le|El)\s.{5,300}$/i;
const WROTE_LINE = /^.{0,120}(?:wrote|schrieb|a écrit|escribió)\s?:\s*$/i;

/** Cheap pre-check: without one of these cues no line can start a quote or a signature. */
const CUES =
  /(?:^|\n)\s{0,8}(?:>|--|__|On\s|Am\s|Le\s|El\s|Il\s|Op\s|From:|Begin forwarded|Inizio|Sent from|Get Outlook|Enviado|Von meinem|Envoyé|Inviato)/i;

/** The same cues, anchored at a line start: lines without one skip the full checks. */
const LINE_CUE =
  /^(?:>|--|__|On\s|Am\s|Le\s|El\s|Il\s|Op\s|From:|Begin forwarded|Inizio|Sent from|Get Outlook|Enviado|Von meinem|Envoyé|Inviato)/i;

/** Outlook's header block ("From:" is generic; require "Sent:"/"To:"/"Subject:" near it). */
const OUTLOOK_FIELD = /^(?:Sent|Date|To|Subject|Cc):\s/i;

/**
 * Returns [start, end) ranges of `text` to delete: `>`-quoted lines, the chain from its first
 * header line onwards, and the signature. Never returns a cut that would leave no text at all,
 * because a message that is only a quote is still better analysed than dropped.
 */
export function findQuotedAndSignatureRanges(text: string): [number, number][] {
  if (!CUES.test(text)) return [];
  const ranges: [number, number][] = [];
  let lineStart = 0;
  let cutAt = -1;
  const lines: { start: number; end: number }[] = [];
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    lines.push({ start: lineStart, end: lineEnd });
    lineStart = lineEnd + 1;
  }
  for (let i = 0; i < lines.length && cutAt === -1; i++) {
    const { start, end } = lines[i]!;
    const line = text.slice(start, Math.min(end, start + 400)).trim();
    if (line.length === 0 || !LINE_CUE.test(line)) continue;
    if (line.startsWith('>')) {
      ranges.push([start, Math.min(end + 1, text.length)]);
      continue;
    }
    const next = lines[i + 1] ? text.slice(lines[i + 1]!.start, lines[i + 1]!.end).trim() : '';
    const isChain =
      CHAIN_START.some((re) => re.test(line)) &&
      (!/^From:/i.test(line) || OUTLOOK_FIELD.test(next) || /^From:.{0,200}@/i.test(line));
    const isSplitChain = CHAIN_START_SPLIT.test(line) && WROTE_LINE.test(next) && next.length < 130;
    if (isChain || isSplitChain || SIGNATURE_START.some((re) => re.test(line))) cutAt = start;
  }
  if (cutAt !== -1) ranges.push([cutAt, text.length]);
  const merged = mergeRanges(ranges);
  const kept = merged.reduce((left, [s, e]) => left - (e - s), text.length);
  const keptText = kept > 0 ? textOutside(text, merged) : '';
  return keptText.trim().length > 0 ? merged : [];
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  const sorted = ranges.slice().sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function textOutside(text: string, ranges: [number, number][]): string {
  let out = '';
  let last = 0;
  for (const [s, e] of ranges) {
    out += text.slice(last, s);
    last = e;
  }
  return out + text.slice(last);
}
