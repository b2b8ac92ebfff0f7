// Python's "idna" codec (encodings/idna.py, IDNA 2003), as Django's URLValidator applies it to a
// whole netloc (user info and port included) when the first match fails. Throws where Python
// raises UnicodeError. Node's url.domainToASCII is UTS #46 and differs (it rejects "@" and ":",
// keeps ß, has other bidi and joiner rules), so the codec is followed step by step instead.
import { encodePunycode } from './encode-punycode.js';
import { nameprep } from './nameprep.js';

const ASCII = /^[\x00-\x7f]*$/;
const DOTS = /[.\u3002\uff0e\uff61]/u;

function checkLength(label: string): string {
  if (label.length > 0 && label.length < 64) return label;
  throw new TypeError('label empty or too long');
}

/** ToASCII of one label (UseSTD3ASCIIRules off, unassigned code points allowed). */
function toAscii(label: string): string {
  if (ASCII.test(label)) return checkLength(label);
  const prepared = nameprep(label);
  if (ASCII.test(prepared)) return checkLength(prepared);
  if (prepared.startsWith('xn--')) throw new TypeError('label starts with ACE prefix');
  return checkLength(`xn--${encodePunycode(prepared)}`);
}

export function encodeIdna(input: string): string {
  if (input === '') return '';
  if (ASCII.test(input)) {
    // Python's fast path for an all-ASCII name: only label lengths are checked.
    const labels = input.split('.');
    labels.slice(0, -1).forEach(checkLength);
    if (labels[labels.length - 1]!.length >= 64) throw new TypeError('label too long');
    return input;
  }
  const labels = input.split(DOTS);
  const trailingDot = labels.length > 1 && labels[labels.length - 1] === '' ? '.' : '';
  if (trailingDot) labels.pop();
  return labels.map(toAscii).join('.') + trailingDot;
}
