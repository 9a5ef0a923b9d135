# What each crate costs in the release wasm: the code bytes of every function, attributed to the
# crate its (demangled) name starts with, from the wasm's name section. Run it on the wasm rustc
# emits, before wasm-bindgen and wasm-opt strip the names (wasm-opt then shrinks the whole by
# about a quarter; the shares carry over roughly):
#   python3 scripts/wasm-crates.py $CARGO_TARGET_DIR/wasm32-unknown-unknown/release/activation-lab.wasm [top]
import re
import sys
from collections import defaultdict


def leb(data, i):
    result, shift = 0, 0
    while True:
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def sections(data):
    i = 8
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        yield sid, data[i:i + size]
        i += size


def imported_functions(payload):
    count, i = leb(payload, 0)
    funcs = 0
    for _ in range(count):
        for _ in range(2):
            n, i = leb(payload, i)
            i += n
        kind = payload[i]
        i += 1
        if kind == 0:
            _, i = leb(payload, i)
            funcs += 1
        elif kind == 1:
            i += 1
            flags, i = leb(payload, i)
            _, i = leb(payload, i)
            if flags & 1:
                _, i = leb(payload, i)
        elif kind == 2:
            flags, i = leb(payload, i)
            _, i = leb(payload, i)
            if flags & 1:
                _, i = leb(payload, i)
        elif kind == 3:
            i += 2
    return funcs


def body_sizes(payload):
    count, i = leb(payload, 0)
    sizes = []
    for _ in range(count):
        size, i = leb(payload, i)
        sizes.append(size)
        i += size
    return sizes


def function_names(payload):
    names = {}
    i = 0
    while i < len(payload):
        sub = payload[i]
        size, i = leb(payload, i + 1)
        end = i + size
        if sub == 1:
            count, j = leb(payload, i)
            for _ in range(count):
                index, j = leb(payload, j)
                n, j = leb(payload, j)
                names[index] = payload[j:j + n].decode('utf-8', 'replace')
                j += n
        i = end
    return names


def crate_of(name):
    """The first path component of a legacy-mangled (or plain) Rust symbol."""
    if name.startswith('_ZN'):
        body = name[3:]
        m = re.match(r'(\d+)', body)
        if m:
            first = body[len(m.group(1)):len(m.group(1)) + int(m.group(1))]
            for code, text in [('$LT$', '<'), ('$GT$', '>'), ('$u20$', ' '), ('$RF$', '&'), ('$BP$', '*'),
                               ('$u5b$', '['), ('$u5d$', ']'), ('$C$', ','), ('..', '::')]:
                first = first.replace(code, text)
            first = first.lstrip('_')
            m2 = re.match(r'<?[&*]?(?:mut |const )?(?:dyn )?\[?([A-Za-z_][A-Za-z0-9_]*)', first)
            crate = m2.group(1) if m2 else first
            # `<T as core::fmt::Debug>`: a generic parameter; count it for the trait's crate.
            trait = re.search(r' as ([A-Za-z_][A-Za-z0-9_]*)::', first)
            if (len(crate) <= 2 or (m2 and '::' not in first.split(' as ')[0])) and trait:
                return trait.group(1)
            return crate
    if name.startswith('_R'):
        m = re.search(r'C(?:s[0-9A-Za-z]*_)?(\d+)', name)
        if m:
            start = m.end()
            return name[start:start + int(m.group(1))]
    if name.startswith('__wbg') or name.startswith('__wbindgen'):
        return 'wasm_bindgen (glue)'
    m = re.match(r'([A-Za-z_][A-Za-z0-9_]*)', name)
    return m.group(1) if m else name


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    data = open(path, 'rb').read()
    imports, sizes, names, data_bytes = 0, [], {}, 0
    for sid, payload in sections(data):
        if sid == 2:
            imports = imported_functions(payload)
        elif sid == 10:
            sizes = body_sizes(payload)
        elif sid == 11:
            data_bytes = len(payload)
        elif sid == 0:
            n, j = leb(payload, 0)
            if payload[j:j + n] == b'name':
                names = function_names(payload[j + n:])
    per_crate = defaultdict(lambda: [0, 0])
    for k, size in enumerate(sizes):
        crate = crate_of(names.get(imports + k, '?'))
        per_crate[crate][0] += size
        per_crate[crate][1] += 1
    code = sum(sizes)
    print(f'{path}: {len(data)} bytes, code {code}, data {data_bytes}, {len(sizes)} functions')
    print(f'{"crate":32} {"code bytes":>10} {"share":>6} {"functions":>9}')
    for crate, (size, count) in sorted(per_crate.items(), key=lambda kv: -kv[1][0])[:top]:
        print(f'{crate:32} {size:10} {100 * size / code:5.1f}% {count:9}')


main()
