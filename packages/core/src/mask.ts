/**
 * Masks for showing personal data in lists and exports without revealing it. Lengths are in
 * characters (code points) and are kept, so a masked value still hints at a typo in the original.
 */

/**
 * Masks an ID number for lists: an 18-character number keeps its first 4 (the city) and last
 * 4; shorter or longer ones keep 2 and 2; 4 characters or fewer are all stars.
 */
export function maskIdNumber(value: string): string {
  const chars = Array.from(value);
  if (chars.length === 18) return keepEnds(chars, 4, 4);
  if (chars.length <= 4) return stars(chars.length);
  return keepEnds(chars, 2, 2);
}

/** Masks a phone number: an 11-digit mobile as "138****5678", anything else keeps its last 4. */
export function maskPhone(value: string): string {
  const chars = Array.from(value);
  if (/^\d{11}$/.test(value)) return keepEnds(chars, 3, 4);
  if (chars.length <= 4) return stars(chars.length);
  return keepEnds(chars, 0, 4);
}

/**
 * Masks a name: "雷敏" → "雷*", "欧阳娜娜" → "欧**娜". A one-character name becomes "*" so no
 * name is ever shown whole.
 */
export function maskName(value: string): string {
  const chars = Array.from(value);
  if (chars.length <= 1) return stars(chars.length);
  if (chars.length === 2) return keepEnds(chars, 1, 0);
  return keepEnds(chars, 1, 1);
}

function keepEnds(chars: string[], head: number, tail: number): string {
  const middle = chars.length - head - tail;
  return chars.slice(0, head).join("") + stars(middle) + chars.slice(chars.length - tail).join("");
}

function stars(count: number): string {
  return "*".repeat(Math.max(0, count));
}
