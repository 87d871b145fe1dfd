/**
 * An estimate of RE2::ProgramSize(), the number Envoy compares with
 * `re2.max_program_size.error_level` (default 100) for every safe_regex.
 *
 * re2-wasm does not expose the compiled program, so this models what RE2
 * does, closely enough to agree with libre2 on the calibration corpus in
 * test/fixtures/envoy/re2-program-size.json (measured with the real library;
 * see docs/envoy-api.md):
 *
 * - RE2::Init strips a required literal prefix (`^` then literal text) and
 *   compiles the rest unanchored; a leading `^` otherwise anchors the program,
 *   a trailing `$` is an anchor and costs nothing.
 * - An unanchored program costs 4 (fail, the `.*?` loop, match), an anchored
 *   one 2.
 * - After Prog::Flatten the Alt instructions of alternations and loops are
 *   gone: a concatenation or alternation costs the sum of its parts, `x*`
 *   costs x, `x+` and `x?` one more, a capture two, an empty-width assertion one.
 * - Counted repetition is expanded as RE2's simplifier does.
 * - A literal costs its UTF-8 length; a character class one instruction per
 *   byte range after RE2's ASCII case-folding trick, with RE2's compact
 *   encoding of 80-10FFFF (6 instructions) and suffix sharing for other
 *   non-ASCII ranges.
 * - Alternations of literals are factored by common prefix and single
 *   characters merge into classes, as RE2's parser does.
 *
 * Returns undefined for syntax this model does not parse (the caller has
 * already checked that RE2 accepts the pattern).
 */

type Range = readonly [number, number];
type Node =
  | { t: 'lit'; cp: number; fold: boolean }
  | { t: 'class'; ranges: Range[] }
  | { t: 'cat'; xs: Node[] }
  | { t: 'alt'; xs: Node[] }
  | { t: 'cap'; x: Node }
  | { t: 'star' | 'plus' | 'quest'; x: Node }
  | { t: 'rep'; x: Node; min: number; max: number }
  | { t: 'bot' | 'eot' | 'assert' }
  | { t: 'empty' };

const MAX_RUNE = 0x10ffff;

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}

class ParseError extends Error {}

const PERL: Record<string, Range[]> = {
  d: [[0x30, 0x39]],
  s: [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]],
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
};

const POSIX: Record<string, Range[]> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

function normalise(rs: Range[]): Range[] {
  const s = [...rs].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of s) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function negate(rs: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalise(rs)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

/** Adds the other ASCII case of letters, as (?i) does (non-ASCII folding is ignored). */
function foldRanges(rs: Range[]): Range[] {
  const extra: Range[] = [];
  for (const [lo, hi] of rs) {
    const a = Math.max(lo, 0x41);
    const b = Math.min(hi, 0x5a);
    if (a <= b) extra.push([a + 32, b + 32]);
    const c = Math.max(lo, 0x61);
    const d = Math.min(hi, 0x7a);
    if (c <= d) extra.push([c - 32, d - 32]);
  }
  return normalise([...rs, ...extra]);
}

const unicodeCache = new Map<string, Range[]>();

/** \p{Name}: the ranges JavaScript's Unicode tables give for the property (RE2's tables differ only by Unicode version). */
function unicodeClass(name: string): Range[] {
  const cached = unicodeCache.get(name);
  if (cached) return cached;
  let re: RegExp;
  try {
    re = new RegExp(name.length === 1 || /^[A-Z][a-z]?$/.test(name) ? `^\\p{${name}}$` : `^\\p{Script=${name}}$`, 'u');
  } catch {
    throw new ParseError(`unknown class ${name}`);
  }
  const out: [number, number][] = [];
  for (let cp = 0; cp <= MAX_RUNE; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (re.test(String.fromCodePoint(cp))) {
      const last = out[out.length - 1];
      if (last && last[1] === cp - 1) last[1] = cp;
      else out.push([cp, cp]);
    }
  }
  unicodeCache.set(name, out);
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const n = this.alternation({ i: false, s: false, m: false });
    if (this.pos < this.src.length) throw new ParseError('unbalanced )');
    return n;
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private alternation(flags: Flags): Node {
    const branches: Node[] = [this.concat(flags)];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.concat(flags));
    }
    return branches.length === 1 ? branches[0]! : { t: 'alt', xs: branches };
  }

  private concat(flags: Flags): Node {
    const xs: Node[] = [];
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      const before = xs.length;
      const atom = this.atom(flags, xs);
      if (atom === undefined) continue;
      xs.push(this.repetition(atom));
      void before;
    }
    return xs.length === 1 ? xs[0]! : { t: 'cat', xs };
  }

  private repetition(atom: Node): Node {
    let x = atom;
    for (;;) {
      const c = this.peek();
      if (c === '*' || c === '+' || c === '?') {
        this.pos++;
        x = { t: c === '*' ? 'star' : c === '+' ? 'plus' : 'quest', x };
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
        if (!m) break;
        this.pos += m[0].length;
        const min = Number(m[1]);
        const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
        x = { t: 'rep', x, min, max };
      } else break;
      if (this.peek() === '?') this.pos++; // non-greedy: same program size
    }
    return x;
  }

  /** Parses one atom; undefined for a flag group like (?i) that changes `flags` in place. */
  private atom(flags: Flags, _xs: Node[]): Node | undefined {
    const c = this.src[this.pos++]!;
    switch (c) {
      case '(': {
        if (this.src.startsWith('?', this.pos)) {
          const m = /^\?(?:P?<([A-Za-z_]\w*)>|([imsU-]*)(:|\)))/.exec(this.src.slice(this.pos));
          if (!m) throw new ParseError('bad group');
          this.pos += m[0].length;
          if (m[1] !== undefined) return this.group(flags, true);
          const inner = applyFlags(flags, m[2]!);
          if (m[3] === ')') {
            Object.assign(flags, inner);
            return undefined;
          }
          return this.group(inner, false);
        }
        return this.group(flags, true);
      }
      case '.':
        return { t: 'class', ranges: flags.s ? [[0, MAX_RUNE]] : [[0, 9], [11, MAX_RUNE]] };
      case '^':
        return flags.m ? { t: 'assert' } : { t: 'bot' };
      case '$':
        return flags.m ? { t: 'assert' } : { t: 'eot' };
      case '[':
        return this.charClass(flags);
      case '\\':
        return this.escape(flags);
      default: {
        const cp = this.src.codePointAt(this.pos - 1)!;
        if (cp > 0xffff) this.pos++;
        return lit(cp, flags);
      }
    }
  }

  private group(flags: Flags, capture: boolean): Node {
    const inner = this.alternation({ ...flags });
    if (this.src[this.pos] !== ')') throw new ParseError('missing )');
    this.pos++;
    return capture ? { t: 'cap', x: inner } : inner;
  }

  private escape(flags: Flags): Node {
    const c = this.src[this.pos++];
    if (c === undefined) throw new ParseError('trailing \\');
    const perl = PERL[c.toLowerCase()];
    if (perl) return classNode(c === c.toLowerCase() ? perl : negate(perl), flags);
    switch (c) {
      case 'b':
      case 'B':
        return { t: 'assert' };
      case 'A':
        return { t: 'bot' };
      case 'z':
        return { t: 'eot' };
      case 'p':
      case 'P': {
        let name: string;
        if (this.src[this.pos] === '{') {
          const end = this.src.indexOf('}', this.pos);
          if (end < 0) throw new ParseError('bad \\p');
          name = this.src.slice(this.pos + 1, end);
          this.pos = end + 1;
        } else name = this.src[this.pos++] ?? '';
        let neg = c === 'P';
        if (name.startsWith('^')) {
          neg = !neg;
          name = name.slice(1);
        }
        const rs = name === 'Any' ? [[0, MAX_RUNE] as Range] : unicodeClass(name);
        return classNode(neg ? negate(rs) : rs, flags);
      }
      case 'Q': {
        const end = this.src.indexOf('\\E', this.pos);
        const text = this.src.slice(this.pos, end < 0 ? undefined : end);
        this.pos = end < 0 ? this.src.length : end + 2;
        return { t: 'cat', xs: [...text].map((ch) => lit(ch.codePointAt(0)!, flags)) };
      }
      default:
        return lit(this.escapedRune(c), flags);
    }
  }

  /** The rune of an escape whose first character (after \) is `c`. */
  private escapedRune(c: string): number {
    switch (c) {
      case 'n': return 10;
      case 't': return 9;
      case 'r': return 13;
      case 'f': return 12;
      case 'v': return 11;
      case 'a': return 7;
      case 'x': {
        if (this.src[this.pos] === '{') {
          const end = this.src.indexOf('}', this.pos);
          const v = parseInt(this.src.slice(this.pos + 1, end), 16);
          this.pos = end + 1;
          return v;
        }
        const v = parseInt(this.src.slice(this.pos, this.pos + 2), 16);
        this.pos += 2;
        return v;
      }
      default:
        if (/[0-7]/.test(c)) {
          let s = c;
          while (s.length < 3 && /[0-7]/.test(this.src[this.pos] ?? '')) s += this.src[this.pos++];
          return parseInt(s, 8);
        }
        return c.codePointAt(0)!;
    }
  }

  private charClass(flags: Flags): Node {
    let neg = false;
    if (this.src[this.pos] === '^') {
      neg = true;
      this.pos++;
    }
    const rs: Range[] = [];
    let first = true;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new ParseError('missing ]');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      if (this.src.startsWith('[:', this.pos)) {
        const end = this.src.indexOf(':]', this.pos);
        let name = this.src.slice(this.pos + 2, end);
        let pneg = false;
        if (name.startsWith('^')) {
          pneg = true;
          name = name.slice(1);
        }
        const p = POSIX[name];
        if (!p) throw new ParseError('bad posix class');
        rs.push(...(pneg ? negate(p) : p));
        this.pos = end + 2;
        continue;
      }
      let lo: number;
      if (c === '\\') {
        this.pos++;
        const e = this.src[this.pos++]!;
        const perl = PERL[e.toLowerCase()];
        if (perl) {
          rs.push(...(e === e.toLowerCase() ? perl : negate(perl)));
          continue;
        }
        if (e === 'p' || e === 'P') {
          this.pos -= 2;
          this.pos++;
          const n = this.escape(flags) as { t: 'class'; ranges: Range[] };
          rs.push(...n.ranges);
          continue;
        }
        lo = this.escapedRune(e);
      } else {
        lo = this.src.codePointAt(this.pos)!;
        this.pos += lo > 0xffff ? 2 : 1;
      }
      let hi = lo;
      if (this.src[this.pos] === '-' && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== undefined) {
        this.pos++;
        if (this.src[this.pos] === '\\') {
          this.pos++;
          hi = this.escapedRune(this.src[this.pos++]!);
        } else {
          hi = this.src.codePointAt(this.pos)!;
          this.pos += hi > 0xffff ? 2 : 1;
        }
      }
      rs.push([lo, hi]);
    }
    let ranges = normalise(rs);
    if (flags.i) ranges = foldRanges(ranges);
    if (neg) ranges = negate(ranges);
    return { t: 'class', ranges };
  }
}

function applyFlags(flags: Flags, spec: string): Flags {
  const out = { ...flags };
  let on = true;
  for (const ch of spec) {
    if (ch === '-') on = false;
    else if (ch === 'i' || ch === 's' || ch === 'm') out[ch] = on;
  }
  return out;
}

function lit(cp: number, flags: Flags): Node {
  const letter = (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return { t: 'lit', cp, fold: flags.i && letter };
}

function classNode(rs: Range[], flags: Flags): Node {
  let ranges = normalise(rs);
  if (flags.i) ranges = foldRanges(ranges);
  return { t: 'class', ranges };
}

// ── RE2's parse-time simplifications that change the size ──────────────────

/** Flattens nested concatenations and alternations, and factors alternations as RE2's parser does. */
function simplify(n: Node): Node {
  switch (n.t) {
    case 'cat': {
      const xs = n.xs.map(simplify).flatMap((x) => (x.t === 'cat' ? x.xs : [x]));
      return xs.length === 1 ? xs[0]! : { t: 'cat', xs };
    }
    case 'alt':
      return factor(n.xs.map(simplify).flatMap((x) => (x.t === 'alt' ? x.xs : [x])));
    case 'cap':
    case 'star':
    case 'plus':
    case 'quest':
      return { ...n, x: simplify(n.x) };
    case 'rep':
      return { ...n, x: simplify(n.x) };
    default:
      return n;
  }
}

function leadingLits(n: Node): { cp: number; fold: boolean }[] {
  const xs = n.t === 'cat' ? n.xs : [n];
  const out: { cp: number; fold: boolean }[] = [];
  for (const x of xs) {
    if (x.t !== 'lit') break;
    out.push(x);
  }
  return out;
}

function dropLeading(n: Node, k: number): Node {
  const xs = n.t === 'cat' ? n.xs.slice(k) : k > 0 ? [] : [n];
  return xs.length === 0 ? { t: 'empty' } : xs.length === 1 ? xs[0]! : { t: 'cat', xs };
}

/** Round 1: common literal prefixes; round 3: runs of single characters/classes become one class. */
function factor(branches: Node[]): Node {
  const out: Node[] = [];
  let i = 0;
  while (i < branches.length) {
    const lits = leadingLits(branches[i]!);
    let j = i + 1;
    let common = lits.length;
    if (common > 0) {
      while (j < branches.length) {
        const other = leadingLits(branches[j]!);
        let k = 0;
        while (k < common && k < other.length && other[k]!.cp === lits[k]!.cp && other[k]!.fold === lits[k]!.fold) k++;
        if (k === 0) break;
        common = k;
        j++;
      }
    }
    if (j - i > 1 && common > 0) {
      const prefix: Node[] = lits.slice(0, common).map((l) => ({ t: 'lit', ...l }));
      const rest = factor(branches.slice(i, j).map((b) => dropLeading(b, common)));
      out.push({ t: 'cat', xs: [...prefix, rest] });
      i = j;
    } else {
      out.push(branches[i]!);
      i++;
    }
  }
  // Round 3: merge adjacent single-rune/class branches.
  const merged: Node[] = [];
  for (const b of out) {
    const last = merged[merged.length - 1];
    const asClass = (x: Node | undefined): Range[] | undefined =>
      x?.t === 'class' ? x.ranges : x?.t === 'lit' ? (x.fold ? foldRanges([[x.cp, x.cp]]) : [[x.cp, x.cp]]) : undefined;
    const a = asClass(last);
    const c = asClass(b);
    if (a && c) merged[merged.length - 1] = { t: 'class', ranges: normalise([...a, ...c]) };
    else merged.push(b);
  }
  return merged.length === 1 ? merged[0]! : { t: 'alt', xs: merged };
}

// ── costs ──────────────────────────────────────────────────────────────────

function utf8Len(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/** Splits a rune range into pieces whose UTF-8 encodings are byte-range sequences (as Go's and RE2's compilers do). */
function utf8Pieces(lo: number, hi: number, out: Range[][]): void {
  const bounds = [0x7f, 0x7ff, 0xffff, MAX_RUNE];
  for (const b of bounds) {
    if (lo <= b && hi > b) {
      utf8Pieces(lo, b, out);
      utf8Pieces(b + 1, hi, out);
      return;
    }
  }
  const n = utf8Len(lo);
  for (let i = 1; i < n; i++) {
    const m = (1 << (6 * i)) - 1;
    if ((lo & ~m) !== (hi & ~m)) {
      if ((lo & m) !== 0) {
        utf8Pieces(lo, lo | m, out);
        utf8Pieces((lo | m) + 1, hi, out);
        return;
      }
      if ((hi & m) !== m) {
        utf8Pieces(lo, (hi & ~m) - 1, out);
        utf8Pieces(hi & ~m, hi, out);
        return;
      }
    }
  }
  const a = Buffer.from(String.fromCodePoint(lo), 'utf8');
  const z = Buffer.from(String.fromCodePoint(hi), 'utf8');
  const seq: Range[] = [];
  for (let i = 0; i < a.length; i++) seq.push([a[i]!, z[i]!]);
  out.push(seq);
}

function classCost(ranges: readonly Range[]): number {
  // RE2's ASCII fold trick: when the class treats A-Z like a-z, ranges inside A-Z are dropped.
  let foldsAscii = true;
  const inClass = (cp: number) => ranges.some(([lo, hi]) => lo <= cp && cp <= hi);
  for (let c = 0x41; c <= 0x5a && foldsAscii; c++) if (inClass(c) !== inClass(c + 32)) foldsAscii = false;
  let cost = 0;
  const multi: Range[] = [];
  for (const [lo, hi] of ranges) {
    if (lo < 0x80) {
      const h = Math.min(hi, 0x7f);
      if (!(foldsAscii && lo >= 0x41 && h <= 0x5a)) cost++;
    }
    if (hi >= 0x80) multi.push([Math.max(lo, 0x80), hi]);
  }
  if (multi.length === 1 && multi[0]![0] === 0x80 && multi[0]![1] === MAX_RUNE) return cost + 6;
  const pieces: Range[][] = [];
  for (const [lo, hi] of multi) utf8Pieces(lo, hi, pieces);
  // RE2's AddRuneRangeUTF8 in forward mode caches the last byte and middle byte
  // ranges by their suffix, and AddSuffix merges leading bytes into a trie:
  // a cached instruction is shared by its suffix, the others by their prefix.
  const nodes = new Set<string>();
  const key = (r: Range) => `${r[0]}-${r[1]}`;
  for (const seq of pieces) {
    const n = seq.length;
    for (let k = 0; k < n; k++) {
      const cached = k === n - 1 || (k !== 0 && seq[k]![0] < seq[k]![1]);
      nodes.add(cached ? 'S' + seq.slice(k).map(key).join(',') : 'P' + seq.slice(0, k + 1).map(key).join(','));
    }
  }
  return cost + nodes.size;
}

function cost(n: Node): number {
  switch (n.t) {
    case 'lit':
      return n.fold ? 1 : utf8Len(n.cp);
    case 'class':
      return n.ranges.length === 0 ? 1 : classCost(n.ranges);
    case 'cat':
    case 'alt':
      return n.xs.reduce((s, x) => s + cost(x), 0);
    case 'cap':
      return cost(n.x) + 2;
    case 'star':
      return cost(n.x);
    case 'plus':
    case 'quest':
      return cost(n.x) + 1;
    case 'rep': {
      const c = cost(n.x);
      if (n.max === -1) return n.min === 0 ? c : (n.min - 1) * c + c + 1;
      if (n.max === 0) return 0;
      return n.min * c + (n.max - n.min) * (c + 1);
    }
    case 'bot':
    case 'eot':
    case 'assert':
      return 1;
    case 'empty':
      return 0;
  }
}

/** Estimated RE2 program size of `pattern`, or undefined if it cannot be parsed by this model. */
export function estimateProgramSize(pattern: string): number | undefined {
  let tree: Node;
  try {
    tree = simplify(new Parser(pattern).parse());
  } catch (e) {
    if (e instanceof ParseError) return undefined;
    throw e;
  }
  let xs = tree.t === 'cat' ? [...tree.xs] : tree.t === 'empty' ? [] : [tree];
  let anchored = false;
  if (xs[0]?.t === 'bot') {
    // RE2::Init: `^literal…` becomes a required prefix and the rest is compiled unanchored.
    let k = 1;
    while (xs[k]?.t === 'lit') k++;
    if (k > 1) xs = xs.slice(k);
    else {
      anchored = true;
      xs = xs.slice(1);
    }
  }
  if (xs[xs.length - 1]?.t === 'eot') xs = xs.slice(0, -1);
  return (anchored ? 2 : 4) + xs.reduce((s, x) => s + cost(x), 0);
}
