import { Fragment } from 'react';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

/** Decodes only the entities an HTML escaper produces; anything else stays literal text. */
export function decodeEntities(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e] ?? e);
}

/** Splits escaped HTML holding `<mark>` into text parts and marked parts; every other tag stays text. */
export function markParts(html: string): Array<{ text: string; marked: boolean }> {
  const parts: Array<{ text: string; marked: boolean }> = [];
  let marked = false;
  for (const piece of html.split(/(<\/?mark>)/)) {
    if (piece === '<mark>') marked = true;
    else if (piece === '</mark>') marked = false;
    else if (piece) parts.push({ text: decodeEntities(piece), marked });
  }
  return parts;
}

/**
 * Renders a search highlight safely: the API sends escaped text with `<mark>` tags; React
 * renders each part as text, so no HTML other than <mark> can ever reach the page.
 */
export function Highlight({ html, fallback }: { html: string | undefined; fallback?: string }) {
  if (!html) return <>{fallback ?? ''}</>;
  return <>{markParts(html).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}</>;
}
