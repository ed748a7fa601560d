#!/usr/bin/env python3
"""Lists import cycles between the modules of Folio's crates.

A module is a file under a crate's `src/` (`mod.rs` is its folder). An edge
A -> B means A names `crate::B...` or `super::B` (a sibling). Prints every
strongly connected group of more than one module and exits 1 if there is one.

    scripts/module-cycles.py             # the viewer, folio-core, folio-cli
"""
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRATES = {'folio (viewer)': ROOT / 'src', 'folio-core': ROOT / 'crates/core/src', 'folio-cli': ROOT / 'crates/cli/src'}


def module_of(src: Path, file: Path) -> str:
    rel = file.relative_to(src).with_suffix('')
    parts = list(rel.parts)
    if parts[-1] in ('mod', 'lib', 'main'):
        parts = parts[:-1]
    return '::'.join(parts) or 'crate'


def folder_exports(src: Path, folder: str) -> dict:
    """Items a folder module's mod.rs re-exports, with the child defining each."""
    mod_rs = src.joinpath(*folder.split('::')) / 'mod.rs'
    if not mod_rs.exists():
        return {}
    exports = {}
    for module, items in re.findall(r'pub use (\w+)::\{?([\w, ]+)\}?;', mod_rs.read_text()):
        for item in items.split(','):
            exports[item.strip()] = f'{folder}::{module}'
    return exports


def edges(src: Path):
    graph = {}
    files = [f for f in src.rglob('*.rs') if 'bin' not in f.relative_to(src).parts]
    modules = {module_of(src, f) for f in files}
    for f in files:
        me = module_of(src, f)
        text = re.sub(r'//[^\n]*', '', f.read_text())
        # Test modules may use anything; they are not part of the design.
        text = text.split('#[cfg(test)]')[0]
        targets = set()
        for path in re.findall(r'\bcrate::((?:\w+::)*\w+)', text):
            parts = path.split('::')
            for n in range(len(parts), 0, -1):
                if '::'.join(parts[:n]) in modules:
                    target = '::'.join(parts[:n])
                    # `crate::components::Item`: the child of the folder that defines Item.
                    if n < len(parts):
                        target = folder_exports(src, target).get(parts[n], target)
                    targets.add(target)
                    break
        for group in re.findall(r'use crate::(\w+)::\{([\w, ]+)\}', text):
            folder, items = group
            for item in items.split(','):
                defined = folder_exports(src, folder).get(item.strip())
                if defined:
                    targets.add(defined)
        parent = me.rsplit('::', 1)[0] if '::' in me else ''
        for name in re.findall(r'\bsuper::(\w+)', text):
            sibling = f'{parent}::{name}' if parent else name
            if sibling in modules:
                targets.add(sibling)
        # A use of a parent re-export (`use super::X` of a folder's mod.rs)
        # stands for the module that defines X: resolve through `pub use`.
        graph[me] = targets - {me}
    return graph, files, src


def resolve_reexports(graph, files, src):
    """`use super::{A, B}` in components/x.rs names items re-exported by
    components/mod.rs; map each item to the sibling file that defines it."""
    for f in files:
        if f.name != 'mod.rs':
            continue
        folder = module_of(src, f)
        exports = {}
        for module, items in re.findall(r'pub use (\w+)::\{?([\w, ]+)\}?;', f.read_text()):
            for item in items.split(','):
                exports[item.strip()] = f'{folder}::{module}' if folder != 'crate' else module
        for child in f.parent.glob('*.rs'):
            me = module_of(src, child)
            if me == folder:
                continue
            text = child.read_text().split('#[cfg(test)]')[0]
            for group in re.findall(r'use super::\{?([\w, ]+)\}?;', text):
                for item in group.split(','):
                    target = exports.get(item.strip())
                    if target and target != me:
                        graph[me].add(target)
            graph[me].discard(folder)


def cycles(graph):
    index, low, stack, on_stack, groups, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in list(graph):
        if v not in index:
            visit(v)
    return groups


failed = False
for name, src in CRATES.items():
    graph, files, src = edges(src)
    resolve_reexports(graph, files, src)
    # A folder's mod.rs only declares and re-exports its children.
    for v in list(graph):
        if v != 'crate' and '::' not in v and (src / v / 'mod.rs').exists():
            graph[v] = set()
    graph.pop('crate', None)
    found = cycles(graph)
    for group in found:
        failed = True
        print(f'{name}: cycle between {", ".join(group)}')
    if not found:
        print(f'{name}: {len(graph)} modules, no import cycles')
sys.exit(1 if failed else 0)
