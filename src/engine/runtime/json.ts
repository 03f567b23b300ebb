/**
 * encoding/json's Marshal, as Go 1.23's encode.go writes values: struct fields by their tags
 * (a name, `omitempty`, `string`, `-`), embedded structs' fields promoted with Go's rules for
 * names that clash, map keys sorted, []byte as base64, floats as Go formats them, strings
 * escaped as Go escapes them (HTML characters too, unless an Encoder is told otherwise), and
 * a type's own MarshalJSON or MarshalText run as Go code. Reading a map another goroutine is
 * writing is Go's fatal error, as reflect's map iteration meets it.
 */
import { typeString, under, type Field, type Type } from '../lang/types';
import type { Instr } from '../lang/code';
import { timeType } from '../lang/stdlib';
import { compareKeys } from './keys';
import { formatFloat64 } from './floats';
import { formatLayout } from './fmt';
import { GO } from './messages';
import { bytesText } from './textlib';
import { findMethod, type G, type Machine } from './machine';
import { Iface, K, Ref, Slice, type SlotsObj, type Value } from './values';
import { intDigits as intText } from './int64';

/** Why Marshal fails: its error's text (json.UnsupportedTypeError and the like). */
export class JsonError {
  constructor(readonly text: string) {}
}

const RFC3339_NANO = '2006-01-02T15:04:05.999999999Z07:00';

/** One field of a struct as JSON sees it: its name, where it is, and its options. */
interface JsonField {
  readonly name: string;
  /** indices from the struct down through embedded structs (negative: through a pointer) */
  readonly path: readonly number[];
  readonly type: Type;
  readonly omitEmpty: boolean;
  readonly quoted: boolean;
  readonly tagged: boolean;
}

const fieldCache = new WeakMap<Type, readonly JsonField[]>();

export class JsonEncoder {
  /** pointers being encoded, from the top down (a cycle is an error, as in Go) */
  private readonly path = new Set<string>();

  constructor(
    private readonly m: Machine,
    private readonly g: G,
    private readonly ins: Instr,
    private readonly escapeHTML: boolean,
  ) {}

  /** v, of static type t, as compact JSON. */
  encode(v: Value, t: Type | null): string {
    // an interface: its dynamic value (nil: null)
    if (v instanceof Iface) return this.encode(v.v, v.t);
    if (t === null) return 'null';
    const u = under(t);
    if (u.k === 'iface') return 'null';
    const own = this.marshaler(v, t);
    if (own !== null) return own;
    switch (u.k) {
      case 'basic':
        return this.basic(v, u.name, t);
      case 'ptr': {
        if (!(v instanceof Ref)) return 'null';
        const key = `${v.id}.${v.f}`;
        if (this.path.has(key))
          throw new JsonError(
            `json: unsupported value: encountered a cycle via ${typeString(t, true)}`,
          );
        this.path.add(key);
        try {
          return this.encode(this.deref(v), u.elem);
        } finally {
          this.path.delete(key);
        }
      }
      case 'slice': {
        if (!(v instanceof Slice)) return 'null';
        const o = this.m.slots(v.b);
        const items = o.s.slice(v.off, v.off + v.len);
        if (under(u.elem).k === 'basic' && (under(u.elem) as { name: string }).name === 'uint8')
          return `"${base64(items.map((b) => (b as number) & 0xff))}"`;
        return `[${items.map((x) => this.encode(x, u.elem)).join(',')}]`;
      }
      case 'array': {
        const o = this.m.slots((v as Ref).id);
        return `[${o.s.map((x) => this.encode(x, u.elem)).join(',')}]`;
      }
      case 'map':
        return this.map(v, t, u);
      case 'struct':
        return this.struct(v as Ref, t);
      case 'func':
        throw new JsonError(`json: unsupported type: ${typeString(t, true)}`);
      default:
        return 'null';
    }
  }

  /** A value of a type with MarshalJSON or MarshalText of its own (time.Time's too), or null. */
  private marshaler(v: Value, t: Type): string | null {
    if (t === timeType) return `"${formatLayout(v as number, RFC3339_NANO)}"`;
    for (const name of ['MarshalJSON', 'MarshalText'] as const) {
      const found = findMethod(t, name);
      if (!found || found.ref.native) continue;
      // (a nil pointer whose method would be called: null, as Go writes it)
      if (under(t).k === 'ptr' && !(v instanceof Ref)) return 'null';
      const r = this.m.callMethod(new Iface(t, v), name, []);
      if (!r) continue;
      const [bytes, err] = r;
      if (err !== null && err !== undefined)
        throw new JsonError(
          `json: error calling ${name} for type ${typeString(t, true)}: ${this.errorText(err)}`,
        );
      const text = bytesText(this.m, bytes as Value);
      return name === 'MarshalJSON' ? text.trim() : this.string(text);
    }
    return null;
  }

  private errorText(err: Value): string {
    const r = this.m.callMethod(err, 'Error', []);
    return r ? String(r[0]) : '';
  }

  private deref(p: Ref): Value {
    return p.f === -1 ? p : (this.m.slots(p.id).s[p.f] as Value);
  }

  private basic(v: Value, name: string, t: Type): string {
    if (name === 'bool') return v ? 'true' : 'false';
    if (name === 'string') return this.string(v as string);
    if (name === 'float64' || name === 'float32') return jsonFloat(v as number, name);
    if (typeof v === 'number' || typeof v === 'bigint') return intText(v);
    throw new JsonError(`json: unsupported type: ${typeString(t, true)}`);
  }

  /** A string as Go's encoder writes it. */
  string(s: string): string {
    let out = '"';
    for (const ch of s) {
      const c = ch.codePointAt(0) as number;
      if (c === 0x22) out += '\\"';
      else if (c === 0x5c) out += '\\\\';
      else if (c === 0x0a) out += '\\n';
      else if (c === 0x0d) out += '\\r';
      else if (c === 0x09) out += '\\t';
      else if (c === 0x08) out += '\\b';
      else if (c === 0x0c) out += '\\f';
      else if (c < 0x20 || (this.escapeHTML && (c === 0x3c || c === 0x3e || c === 0x26)))
        out += `\\u00${c.toString(16).padStart(2, '0')}`;
      else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
      // (a lone surrogate: text that was not UTF-8)
      else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
      else out += ch;
    }
    return `${out}"`;
  }

  private map(v: Value, t: Type, u: Type & { k: 'map' }): string {
    if (!(v instanceof Ref)) return 'null';
    const { m, g, ins } = this;
    m.touch(g, v.id, -1, false, ins);
    const o = m.get(v.id);
    if (o.k !== K.Map) return 'null';
    if (o.m.size > 0 && o.writing) m.fatal(GO.concurrentMapIterWrite, g, ins.pos, v.id);
    const ku = under(u.key);
    if (ku.k !== 'basic' || ku.name === 'bool' || ku.name.startsWith('float'))
      throw new JsonError(`json: unsupported type: ${typeString(t, true)}`);
    const entries = [...o.m.keys()].sort(compareKeys).map((k) => {
      const key = typeof k === 'string' ? k : intText(k as number | bigint);
      return [key, this.encode(o.m.get(k) as Value, u.elem)] as const;
    });
    // (sorted by the key's text, as Go sorts them)
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return `{${entries.map(([k, x]) => `${this.string(k)}:${x}`).join(',')}}`;
  }

  private struct(v: Ref, t: Type): string {
    const { m, g, ins } = this;
    const o = m.get(v.id);
    // a library value whose fields are its own (a Mutex, a WaitGroup): none exported
    if (o.k !== K.Slots) return '{}';
    const parts: string[] = [];
    for (const f of jsonFields(t)) {
      let x: Value = v;
      let ok = true;
      for (const step of f.path) {
        const obj = m.get((x as Ref).id) as SlotsObj;
        const i = step < 0 ? -1 - step : step;
        m.touch(g, (x as Ref).id, i, false, ins);
        x = obj.s[i] as Value;
        if (step < 0) {
          // through an embedded pointer: a nil one has no fields to give
          if (!(x instanceof Ref)) {
            ok = false;
            break;
          }
          x = this.deref(x);
        }
      }
      if (!ok) continue;
      if (f.omitEmpty && this.empty(x, f.type)) continue;
      let text = this.encode(x, f.type);
      if (f.quoted && quotable(f.type))
        text = isStringType(f.type) ? this.string(text) : `"${text}"`;
      parts.push(`${this.string(f.name)}:${text}`);
    }
    return `{${parts.join(',')}}`;
  }

  /** Go's isEmptyValue, for omitempty. */
  private empty(v: Value, t: Type): boolean {
    const u = under(t);
    switch (u.k) {
      case 'basic':
        return v === false || v === 0 || v === '' || v === 0n;
      case 'ptr':
      case 'iface':
      case 'func':
        return v === null;
      case 'slice':
        return !(v instanceof Slice) || v.len === 0;
      case 'map': {
        if (!(v instanceof Ref)) return true;
        const o = this.m.get(v.id);
        return o.k === K.Map && o.m.size === 0;
      }
      case 'array':
        return u.len === 0;
      default:
        return false;
    }
  }
}

function isStringType(t: Type): boolean {
  const u = under(t);
  return u.k === 'basic' && u.name === 'string';
}

/** The `,string` option applies to strings, numbers and booleans only. */
function quotable(t: Type): boolean {
  return under(t).k === 'basic';
}

/** A float as Go's floatEncoder writes it: the shortest digits, in 'e' form when far from 1. */
export function jsonFloat(x: number, name: 'float64' | 'float32'): string {
  const bits = name === 'float32' ? 32 : 64;
  if (!Number.isFinite(x))
    throw new JsonError(
      `json: unsupported value: ${Number.isNaN(x) ? 'NaN' : x > 0 ? '+Inf' : '-Inf'}`,
    );
  const abs = Math.abs(bits === 32 ? Math.fround(x) : x);
  const e = abs !== 0 && (abs < 1e-6 || abs >= 1e21);
  let s = formatFloat64(bits === 32 ? Math.fround(x) : x, e ? 'e' : 'f', -1, bits);
  // (e-09 becomes e-9)
  if (e) s = s.replace(/e-0(\d)$/, 'e-$1');
  return s;
}

/**
 * A struct type's fields as JSON sees them (encoding/json's typeFields): exported ones by
 * their tag's name or their own, an embedded struct's without a name of their own promoted,
 * and of several with one name, the shallowest (a tagged one first) or none if that is a tie.
 */
export function jsonFields(t: Type): readonly JsonField[] {
  const had = fieldCache.get(t);
  if (had) return had;
  const all: (JsonField & { depth: number; order: readonly number[] })[] = [];
  const walk = (st: Type, path: number[], order: number[], depth: number, seen: Set<Type>) => {
    if (seen.has(st)) return;
    const u = under(st);
    if (u.k !== 'struct') return;
    const inner = new Set(seen).add(st);
    u.fields.forEach((f: Field, i) => {
      const tag = tagValue(f.tag ?? '', 'json');
      if (tag === '-') return;
      const [tagName, ...opts] = (tag ?? '').split(',');
      const exported = /^\p{Lu}/u.test(f.name);
      const ft = f.type;
      const viaPtr = ft.k === 'ptr';
      if (f.embedded && !tagName) {
        const base = viaPtr ? (ft as { elem: Type }).elem : ft;
        if (under(base).k === 'struct') {
          walk(base, [...path, viaPtr ? -1 - i : i], [...order, i], depth + 1, inner);
          return;
        }
        if (!exported) return;
      } else if (!exported) return;
      all.push({
        name: tagName && validTagName(tagName) ? tagName : f.name,
        path: [...path, i],
        type: ft,
        omitEmpty: opts.includes('omitempty'),
        quoted: opts.includes('string'),
        tagged: !!tagName && validTagName(tagName),
        depth,
        order: [...order, i],
      });
    });
  };
  walk(t, [], [], 0, new Set());
  const byName = new Map<string, typeof all>();
  for (const f of all) {
    const list = byName.get(f.name) ?? [];
    list.push(f);
    byName.set(f.name, list);
  }
  const out: typeof all = [];
  for (const list of byName.values()) {
    const depth = Math.min(...list.map((f) => f.depth));
    const top = list.filter((f) => f.depth === depth);
    const tagged = top.filter((f) => f.tagged);
    const pick = tagged.length === 1 ? tagged : tagged.length === 0 && top.length === 1 ? top : [];
    out.push(...pick);
  }
  out.sort((a, b) => {
    for (let i = 0; i < Math.min(a.order.length, b.order.length); i++)
      if (a.order[i] !== b.order[i]) return (a.order[i] as number) - (b.order[i] as number);
    return a.order.length - b.order.length;
  });
  fieldCache.set(t, out);
  return out;
}

/** reflect.StructTag.Get: the value of key in a conventional tag, or null. */
export function tagValue(tag: string, key: string): string | null {
  const re = /([^\s:"]+):"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(tag); m; m = re.exec(tag))
    if (m[1] === key) {
      try {
        return JSON.parse(`"${m[2]}"`) as string;
      } catch {
        return null;
      }
    }
  return null;
}

/** encoding/json's isValidTag: letters, digits and some punctuation. */
function validTagName(s: string): boolean {
  return s !== '' && /^[\p{L}\p{N}!#$%&()*+\-./:;<=>?@[\]^_{|}~ ]+$/u.test(s);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64, padded (encoding/base64.StdEncoding). */
export function base64(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i] as number, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63];
    out += B64[(n >> 12) & 63];
    out += b === undefined ? '=' : B64[(n >> 6) & 63];
    out += c === undefined ? '=' : B64[n & 63];
  }
  return out;
}

/** json.Indent of compact JSON: each element on a line of its own, nested by indent. */
export function indentJSON(src: string, prefix: string, indent: string): string {
  let out = '';
  let depth = 0;
  let inString = false;
  let needIndent = false;
  const newline = () => `\n${prefix}${indent.repeat(depth)}`;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += src[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (needIndent && c !== ']' && c !== '}') {
      needIndent = false;
      depth++;
      out += newline();
    }
    switch (c) {
      case '"':
        inString = true;
        out += c;
        break;
      case '{':
      case '[':
        out += c;
        needIndent = true;
        break;
      case ',':
        out += c + newline();
        break;
      case ':':
        out += ': ';
        break;
      case '}':
      case ']':
        if (needIndent) needIndent = false;
        else {
          depth--;
          out += newline();
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}
