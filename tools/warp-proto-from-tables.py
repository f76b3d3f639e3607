#!/usr/bin/env python3
"""Writes our warp.multi_agent.v1 .proto files from field tables of Warp's protocol (docs/PROTOCOL.md, "Schema files").

Usage: warp-proto-from-tables.py TABLES_2025 TABLES_2026 OUT_DIR
TABLES_2025: markdown whose section 2 tables give the 2025-08 schema, one `#### Message` heading and
field table per message. TABLES_2026: markdown whose appendix A (field changes), B (removed messages ->
fields deprecated), C (enum values) and D (new messages) bring it to 2026-07.
Removed fields are kept with [deprecated = true]; nothing is reserved.
"""
import re, sys, os, collections

if len(sys.argv) != 4:
    sys.exit('usage: warp-proto-from-tables.py TABLES_2025 TABLES_2026 OUT_DIR')
DOC1, DOC2, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
PKG = 'warp.multi_agent.v1'
SCALARS = {'string', 'bool', 'int32', 'uint32', 'int64', 'uint64', 'float', 'double', 'bytes',
           'sint32', 'sint64', 'fixed32', 'fixed64', 'sfixed32', 'sfixed64'}

class Field:
    def __init__(s, num, name, typ, label='', oneof='', deprecated=False, map_key=None):
        s.num, s.name, s.typ, s.label, s.oneof, s.deprecated, s.map_key = int(num), name, typ, label, oneof, deprecated, map_key

messages = collections.OrderedDict()   # full name -> {'file':..., 'fields': {num: Field}}
enums = collections.OrderedDict()      # full name -> {'file':..., 'values': [(name, num, depr)]}

def msg(name, file):
    if name not in messages:
        messages[name] = {'file': file, 'fields': collections.OrderedDict()}
    return messages[name]

def bt(s):
    return s.strip().strip('`')

# ---------- 2025-08 tables ----------
lines = open(DOC1).read().split('\n')
start = next(i for i, l in enumerate(lines) if l.startswith('## 2. Protobuf schema'))
end = next(i for i, l in enumerate(lines) if l.startswith('### 2.13'))
file = None; cur = None; cur_kind = None
for l in lines[start:end]:
    m = re.match(r'### 2\.\d+ `(\w+\.proto)`', l)
    if m:
        file = m.group(1); continue
    m = re.match(r'#### `([\w.]+)`(.*)', l)
    if m:
        name, rest = m.group(1), m.group(2)
        fm = re.search(r'\(file `(\w+\.proto)`\)', rest)
        if fm:
            cur, cur_kind = name, 'enum'
            enums[name] = {'file': fm.group(1), 'values': []}
        else:
            cur, cur_kind = name, 'msg'
            msg(name, file)
        continue
    if not l.startswith('| ') or cur is None:
        continue
    cells = [c.strip() for c in l.strip().strip('|').split('|')]
    if cur_kind == 'enum':
        if cells[0].startswith('`'):
            enums[cur]['values'].append((bt(cells[0]), int(cells[1]), False))
        continue
    if not cells[0].isdigit():
        continue
    num, name, typ, label, oneof = cells[0], bt(cells[1]), bt(cells[2]), cells[3], cells[4]
    depr = 'deprecated' in cells[6]
    key = None
    mm = re.match(r'map<(\w+), ([\w.]+)>', typ)
    if mm:
        key, typ = mm.group(1), mm.group(2)
    messages[cur]['fields'][int(num)] = Field(num, name, typ, 'repeated' if label == 'repeated' else ('map' if label == 'map' else ''), oneof, depr, key)

# ---------- 2026 appendix ----------
lines2 = open(DOC2).read().split('\n')
appx = next(i for i, l in enumerate(lines2) if l.startswith('# Appendix'))
section = None
for l in lines2[appx:]:
    m = re.match(r'### ([ABCD])\.', l)
    if m:
        section = m.group(1); continue
    if l.startswith('New enums'):
        section = 'CE'; continue
    if not l.startswith('| `'):
        continue
    cells = [c.strip() for c in l.strip().strip('|').split('|')]
    if section == 'A':
        mname, num, fname, typ, label, oneof, change = bt(cells[0]), int(cells[1]), bt(cells[2]), bt(cells[3]), cells[4], cells[5], cells[6]
        fields = messages[mname]['fields']
        if change.startswith('added'):
            assert num not in fields, (mname, num)
            fields[num] = Field(num, fname, typ, label, oneof, '(deprecated)' in change)
        elif change.startswith('removed'):
            assert fields[num].name == fname, (mname, num)
            fields[num].deprecated = True
        elif 'deprecated: False → True' in change:
            fields[num].deprecated = True
        elif change.startswith('changed (name'):
            old = fields[num]
            fields[num] = Field(num, fname, typ, old.label, old.oneof, old.deprecated)
        else:
            raise SystemExit('unknown change ' + l)
    elif section == 'B':
        for f in messages[bt(cells[0])]['fields'].values():
            f.deprecated = True
    elif section == 'C':
        ename, vname, num, change = bt(cells[0]), bt(cells[1]), int(cells[2]), cells[3]
        enums[ename]['values'].append((vname, num, 'removed' in change))
    elif section == 'CE':
        ename, efile = bt(cells[0]), cells[1]
        vals = [(a, int(b), False) for a, b in re.findall(r'`(\w+)`=(\d+)', cells[2])]
        enums[ename] = {'file': efile, 'values': vals}
    elif section == 'D':
        mname, mfile, spec = bt(cells[0]), cells[1], cells[2]
        assert mname not in messages, mname
        mm = msg(mname, mfile)
        if spec.startswith('*(empty)'):
            continue
        for part in spec.split('; '):
            if part.strip().startswith('reserved'):
                continue
            fm = re.match(r'^(\d+) (\w+):([\w.]+)(\[\])?(?:\{(\w+)\})?(\(depr\.\))?$', part.strip())
            if not fm:
                raise SystemExit('cannot parse %r in %s' % (part, mname))
            num, fname, typ, rep, oneof, depr = fm.groups()
            key = None; label = 'repeated' if rep else ''
            if typ in ('WarpTokenUsageEntry', 'ByokTokenUsageEntry', 'CustomEndpointTokenUsageEntry'):
                key, typ, label = 'string', 'ModelTokenUsage', 'map'
            elif typ == 'TokenUsageByCategoryEntry':
                key, typ, label = 'string', 'uint32', 'map'
            mm['fields'][int(num)] = Field(num, fname, typ, label, oneof or '', bool(depr), key)

# Java generates getDescriptor() for every message; a field named `descriptor` would clash with it.
messages['Skill']['fields'][1].name = 'skill_descriptor'

# ---------- resolution ----------
alltypes = set(messages) | set(enums)
def top(n):
    return n.split('.')[0]
def file_of(n):
    t = messages.get(n) or enums.get(n)
    return t['file']
problems = []
def resolve(scope, typ):
    if typ in SCALARS or typ.startswith('google.protobuf.'):
        return typ
    parts = scope.split('.')
    for i in range(len(parts), -1, -1):
        cand = '.'.join(parts[:i] + [typ])
        if cand in alltypes:
            return cand
    if scope.startswith('RunAgentsResult') and 'RunAgents.' + typ in alltypes:
        return 'RunAgents.' + typ  # the result's abbreviations name the call's types
    problems.append('%s: unresolved type %s' % (scope, typ))
    return typ
for mname, m in messages.items():
    for f in m['fields'].values():
        f.resolved = resolve(mname, f.typ)
for n in list(messages) + list(enums):
    if '.' in n:
        parent = n.rsplit('.', 1)[0]
        if parent not in messages:
            problems.append('missing parent of ' + n)
if problems:
    print('\n'.join(problems)); sys.exit(1)

WKT = {'Struct': 'struct', 'Value': 'struct', 'ListValue': 'struct', 'Timestamp': 'timestamp',
       'FieldMask': 'field_mask', 'Duration': 'duration', 'Empty': 'empty'}
files = collections.OrderedDict()
for n in list(messages) + list(enums):
    files.setdefault(file_of(n), {'imports': set()})
for mname, m in messages.items():
    for f in m['fields'].values():
        r = f.resolved
        if r.startswith('google.protobuf.'):
            files[m['file']]['imports'].add('google/protobuf/%s.proto' % WKT[r.split('.')[-1]])
        elif r not in SCALARS:
            ff = file_of(r)
            if ff != m['file']:
                files[m['file']]['imports'].add('warp/multi_agent/v1/' + ff)

def tref(r):
    if r in SCALARS:
        return r
    return '.' + r if r.startswith('google.') else '.' + PKG + '.' + r

def render_enum(n, ind):
    e = enums[n]
    out = ['%senum %s {' % (ind, n.split('.')[-1])]
    for v, num, depr in sorted(e['values'], key=lambda x: x[1]):
        out.append('%s  %s = %d%s;' % (ind, v, num, ' [deprecated = true]' if depr else ''))
    out.append(ind + '}')
    return out

def render_field(f, ind):
    opt = ' [deprecated = true]' if f.deprecated else ''
    if f.label == 'map':
        return '%smap<%s, %s> %s = %d%s;' % (ind, f.map_key, tref(f.resolved), f.name, f.num, opt)
    lab = 'repeated ' if f.label == 'repeated' else ''
    return '%s%s%s %s = %d%s;' % (ind, lab, tref(f.resolved), f.name, f.num, opt)

def children(n):
    pre = n + '.'
    return [c for c in list(messages) + list(enums) if c.startswith(pre) and '.' not in c[len(pre):]]

def render_msg(n, ind):
    m = messages[n]
    out = ['%smessage %s {' % (ind, n.split('.')[-1])]
    for c in sorted(children(n)):
        out += render_enum(c, ind + '  ') if c in enums else render_msg(c, ind + '  ')
    fields = sorted(m['fields'].values(), key=lambda f: f.num)
    oneofs = collections.OrderedDict()
    for f in fields:
        if f.oneof:
            oneofs.setdefault(f.oneof, []).append(f)
        else:
            out.append(render_field(f, ind + '  '))
    for o, fs in oneofs.items():
        out.append('%s  oneof %s {' % (ind, o))
        for f in fs:
            out.append(render_field(f, ind + '    '))
        out.append(ind + '  }')
    out.append(ind + '}')
    return out

os.makedirs(OUT, exist_ok=True)
for fname, info in files.items():
    base = fname[:-len('.proto')]
    outer = ''.join(p.capitalize() for p in base.split('_')) + 'Proto'
    out = ['// Warp multi-agent protocol, written by warp2api from the field tables of Warp\'s schema',
           '// (2025-08, and every change up to 2026-07); see docs/PROTOCOL.md, "Schema files".',
           '// Fields removed upstream are kept as [deprecated = true] so that legacy traffic decodes.',
           'syntax = "proto3";', '', 'package %s;' % PKG, '']
    for imp in sorted(info['imports']):
        out.append('import "%s";' % imp)
    out += ['', 'option java_package = "dev.warp2api.warp.protocol.pb";', 'option java_multiple_files = true;',
            'option java_outer_classname = "%s";' % outer, '']
    tops = [n for n in list(messages) + list(enums) if '.' not in n and file_of(n) == fname]
    for n in tops:
        out += render_enum(n, '') if n in enums else render_msg(n, '')
        out.append('')
    open(os.path.join(OUT, fname), 'w').write('\n'.join(out))
print('messages', len(messages), 'enums', len(enums), 'files', list(files))
