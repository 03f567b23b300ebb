/** Expressions and types printed back as Go source, the way gc quotes them in messages. */
import type { Expr, Signature, TypeExpr } from './ast';

export function exprString(e: Expr): string {
  switch (e.k) {
    case 'ident':
      return e.name;
    case 'int':
    case 'float':
      return e.text;
    case 'string':
      return JSON.stringify(e.value);
    case 'rune':
      return `'${String.fromCodePoint(e.value)}'`;
    case 'composite':
      // (syntax's short form: an empty literal or body is written out, `T{}`)
      return `${e.type ? typeExprString(e.type) : ''}{${e.elts.length > 0 ? '…' : ''}}`;
    case 'funclit':
      return `func${sigString(e.sig)} {${e.body.stmts.length > 0 ? '…' : ''}}`;
    case 'paren':
      return `(${exprString(e.x)})`;
    case 'selector':
      return `${exprString(e.x)}.${e.sel}`;
    case 'index':
      return `${exprString(e.x)}[${exprString(e.index)}]`;
    case 'slice':
      return `${exprString(e.x)}[${e.lo ? exprString(e.lo) : ''}:${e.hi ? exprString(e.hi) : ''}${e.max ? `:${exprString(e.max)}` : ''}]`;
    case 'call':
      return `${exprString(e.fun)}(${e.args.map(exprString).join(', ')}${e.ellipsis ? '...' : ''})`;
    case 'unary':
      return `${e.op}${exprString(e.x)}`;
    case 'binary':
      return `${exprString(e.x)} ${e.op} ${exprString(e.y)}`;
    case 'typeexpr':
      return typeExprString(e.t);
    case 'inst':
      return `${exprString(e.x)}[${e.targs.map(typeExprString).join(', ')}]`;
    case 'assert':
      return `${exprString(e.x)}.(${e.t ? typeExprString(e.t) : 'type'})`;
  }
}

export function typeExprString(t: TypeExpr): string {
  switch (t.k) {
    case 'tname':
      return t.pkg ? `${t.pkg}.${t.name}` : t.name;
    case 'tptr':
      return `*${typeExprString(t.elem)}`;
    case 'tslice':
      return `[]${typeExprString(t.elem)}`;
    case 'tarray':
      return `[${t.len ? exprString(t.len) : '...'}]${typeExprString(t.elem)}`;
    case 'tmap':
      return `map[${typeExprString(t.key)}]${typeExprString(t.elem)}`;
    case 'tchan':
      return `${t.dir === 'recv' ? '<-' : ''}chan${t.dir === 'send' ? '<-' : ''} ${typeExprString(t.elem)}`;
    case 'tstruct':
      return 'struct{…}';
    case 'tfunc':
      return `func${sigString(t.sig)}`;
    case 'tiface':
      return t.methods.length + t.embeds.length === 0 ? 'interface{}' : 'interface{…}';
    case 'tparen':
      return `(${typeExprString(t.t)})`;
    case 'tinst':
      return `${typeExprString(t.base)}[${t.args.map(typeExprString).join(', ')}]`;
    case 'tunion':
      return t.terms.map((x) => `${x.tilde ? '~' : ''}${typeExprString(x.type)}`).join(' | ');
  }
}

function sigString(s: Signature): string {
  const ps = s.params.map((p) =>
    p.name ? `${p.name} ${typeExprString(p.type)}` : typeExprString(p.type),
  );
  const rs = s.results.map((p) =>
    p.name ? `${p.name} ${typeExprString(p.type)}` : typeExprString(p.type),
  );
  return `(${ps.join(', ')})${rs.length === 0 ? '' : rs.length === 1 && !s.results[0]?.name ? ` ${rs[0]}` : ` (${rs.join(', ')})`}`;
}
