"""Labelling search for abstract argumentation frameworks (used by :mod:`.argumentation`).

Arguments are the integers ``0 .. n-1``; a set of arguments is a Python ``int`` used as a
bit set. A labelling gives each argument one of IN, OUT or UNDEC; while searching, each
argument has a *domain*: the labels it may still take (a 3-bit mask). Constraints are
propagated to a fixpoint after every choice, so the search only branches where the
framework leaves a real choice.

Complete labellings (Caminada 2006): IN iff every attacker is OUT, OUT iff some attacker
is IN, UNDEC otherwise. They are in one-to-one correspondence with complete extensions
(the IN set); stable labellings are complete labellings without UNDEC. The search starts
from the grounded labelling, so only arguments the grounded semantics leaves undecided
are ever branched on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

IN, OUT, UNDEC = 1, 2, 4
ALL = IN | OUT | UNDEC

_Doms = list[int]


class Solver:
    """Search engine over one framework given as attacker/target lists of indices."""

    def __init__(self, n: int, attackers: list[list[int]], targets: list[list[int]]) -> None:
        self.n = n
        self.attackers = attackers
        self.targets = targets
        self.self_attacking = [i in attackers[i] for i in range(n)]
        self._grounded: tuple[int, int] | None = None
        self.tick: Callable[[], None] | None = None
        """Called every few hundred search nodes (a time limit raises from it)."""

    # ------------------------------------------------------------------ grounded
    def grounded(self) -> tuple[int, int]:
        """The grounded labelling as (IN bits, OUT bits), by fixpoint (linear time)."""
        if self._grounded is not None:
            return self._grounded
        n, att, tgt = self.n, self.attackers, self.targets
        live = [len(att[i]) for i in range(n)]  # attackers not yet OUT
        label = [0] * n
        todo = [i for i in range(n) if live[i] == 0]
        inn = out = 0
        while todo:
            a = todo.pop()
            if label[a]:
                continue
            label[a] = IN
            inn |= 1 << a
            for b in tgt[a]:
                if label[b]:
                    continue
                label[b] = OUT
                out |= 1 << b
                for c in tgt[b]:
                    live[c] -= 1
                    if live[c] == 0 and not label[c]:
                        todo.append(c)
        self._grounded = (inn, out)
        return self._grounded

    # ------------------------------------------------------------------ complete
    def _initial(self, allowed: int) -> _Doms | None:
        inn, out = self.grounded()
        doms = []
        for i in range(self.n):
            if inn >> i & 1:
                d = IN
            elif out >> i & 1:
                d = OUT
            else:
                d = allowed & (~IN if self.self_attacking[i] else ALL)
            doms.append(d)
        if not self._propagate(doms, list(range(self.n))):
            return None
        return doms

    def _propagate(self, dom: _Doms, queue: list[int]) -> bool:
        """Shrink domains to a fixpoint of the complete-labelling rules; False on conflict."""
        att, tgt = self.attackers, self.targets
        queue = list({y: None for x in queue for y in (x, *tgt[x])})
        queued = set(queue)

        def shrink(x: int, keep: int) -> bool:
            new = dom[x] & keep
            if new != dom[x]:
                if not new:
                    return False
                dom[x] = new
                for y in (x, *tgt[x]):
                    if y not in queued:
                        queued.add(y)
                        queue.append(y)
            return True

        while queue:
            a = queue.pop()
            queued.discard(a)
            d = dom[a]
            attackers = att[a]
            can_in = 0  # attackers that may be IN
            fixed_in = False
            not_out = 0  # attackers that may be something other than OUT
            last_can_in = last_not_out = -1
            must_not_out = False  # some attacker cannot be OUT
            for b in attackers:
                db = dom[b]
                if db & IN:
                    can_in += 1
                    last_can_in = b
                    if db == IN:
                        fixed_in = True
                if db != OUT:
                    not_out += 1
                    last_not_out = b
                if not db & OUT:
                    must_not_out = True
            keep = ALL
            if must_not_out:
                keep &= ~IN
            if not can_in:
                keep &= ~OUT
            if fixed_in or not not_out:
                keep &= ~UNDEC
            if not not_out:
                keep &= ~OUT  # every attacker OUT: IN
            if keep != ALL and not shrink(a, keep):
                return False
            d = dom[a]
            # backwards, from a to its attackers
            if d == IN:
                for b in attackers:
                    if not shrink(b, OUT):
                        return False
            elif d == OUT and can_in == 1 and not shrink(last_can_in, IN):
                return False
            if not d & OUT:  # a is IN or UNDEC: no attacker is IN
                for b in attackers:
                    if not shrink(b, ~IN):
                        return False
            # a is OUT or UNDEC: some attacker is not OUT
            if not d & IN and not_out == 1 and not shrink(last_not_out, ~OUT):
                return False
        return True

    def labellings(
        self,
        *,
        stable: bool = False,
        force_in: int | None = None,
        fixed: Mapping[int, int] | None = None,
        clauses: list[list[int]] | None = None,
    ) -> Iterator[_Doms]:
        """Every complete (or stable) labelling; ``force_in`` fixes one argument IN,
        ``fixed`` restricts arguments to some labels (index → label mask), and each of
        ``clauses`` (lists of indices) needs at least one of its arguments IN."""
        doms = self._initial(IN | OUT if stable else ALL)
        if doms is None:
            return
        todo = []
        for i, keep in [*((fixed or {}).items()), *(() if force_in is None else ((force_in, IN),))]:
            d = doms[i] & keep
            if not d:
                return
            if d != doms[i]:
                doms[i] = d
                todo.append(i)
        if todo and not self._propagate(doms, todo):
            return
        yield from self._search(doms, clauses or [])

    def first(
        self,
        *,
        stable: bool = False,
        force_in: int | None = None,
        fixed: Mapping[int, int] | None = None,
        clauses: list[list[int]] | None = None,
    ) -> _Doms | None:
        """The first labelling :meth:`labellings` finds with these options, or None."""
        it = self.labellings(stable=stable, force_in=force_in, fixed=fixed, clauses=clauses)
        return next(it, None)

    def _units(self, dom: _Doms, clauses: list[list[int]]) -> bool:
        """Unit propagation of the clauses (some member IN); False when one cannot hold."""
        changed = True
        while changed:
            changed = False
            for clause in clauses:
                unit = -1
                open_ = 0
                for i in clause:
                    d = dom[i]
                    if d == IN:
                        open_ = 2  # satisfied
                        break
                    if d & IN:
                        open_ += 1
                        unit = i
                        if open_ > 1:
                            break
                if open_ > 1:
                    continue
                if not open_:
                    return False
                dom[unit] = IN
                if not self._propagate(dom, [unit]):
                    return False
                changed = True
        return True

    def _search(self, doms: _Doms, clauses: list[list[int]]) -> Iterator[_Doms]:
        stack = [doms]
        nodes = 0
        while stack:
            dom = stack.pop()
            nodes += 1
            if self.tick is not None and not nodes & 255:
                self.tick()
            if clauses and not self._units(dom, clauses):
                continue
            pick = -1
            best = 4
            for i, d in enumerate(dom):
                if d & (d - 1):  # more than one label left
                    size = (d & 1) + (d >> 1 & 1) + (d >> 2 & 1)
                    if size < best:
                        best, pick = size, i
                        if size == 2:
                            break
            if pick < 0:
                yield dom
                continue
            # push in reverse so IN is tried first (finds large extensions early)
            for label in (UNDEC, OUT, IN):
                if dom[pick] & label:
                    child = dom.copy()
                    child[pick] = label
                    if self._propagate(child, [pick]):
                        stack.append(child)

    # ------------------------------------------------------------------ preferred
    def maximise(self, inn: int) -> int:
        """A preferred extension containing the complete extension ``inn`` (bit set)."""
        full = (1 << self.n) - 1
        while True:
            lab = self.first(fixed=dict.fromkeys(bits(inn), IN), clauses=[bits(full & ~inn)])
            if lab is None:
                return inn
            inn = in_mask(lab)

    def preferred(self) -> Iterator[int]:
        """Every preferred extension (bit sets), each once, SCC by SCC (see
        :func:`scc_preferred`)."""
        return scc_preferred(self)

    def credulous(self, *, stable: bool = False) -> tuple[int, list[int]]:
        """The arguments in some complete (or stable) extension, and the extensions seen.

        One search per argument not yet seen IN (none for what the grounded labelling
        decides); for complete labellings this is credulous preferred acceptance too.
        """
        inn, out = self.grounded()
        seen: list[int] = []
        acc = 0 if stable else inn
        for i in range(self.n):
            if (acc | out) >> i & 1:
                continue
            lab = self.first(stable=stable, force_in=i)
            if lab is not None:
                m = in_mask(lab)
                seen.append(m)
                acc |= m
        return acc, seen

    def sceptical_preferred(self, candidates: int) -> int:
        """The members of ``candidates`` in every preferred extension.

        For each candidate, look for a complete extension without it that lies inside no
        preferred extension found so far, and maximise it: either the candidate is refuted
        (with every other candidate outside that extension) or a new preferred extension
        is found. Each step finds a new preferred extension or decides a candidate.
        """
        full = (1 << self.n) - 1
        found: list[list[int]] = []
        accepted = 0
        cands = candidates
        while cands:
            a = (cands & -cands).bit_length() - 1
            lab = self.first(fixed={a: OUT | UNDEC}, clauses=found)
            if lab is None:
                accepted |= 1 << a
                cands &= ~(1 << a)
                continue
            ext = self.maximise(in_mask(lab))
            found.append(bits(full & ~ext))
            cands &= ext
        return accepted

    def sceptical_stable(self, candidates: int) -> int:
        """The members of ``candidates`` in every stable extension (call only when one
        exists): one search per candidate for a stable labelling with it OUT."""
        accepted = 0
        cands = candidates
        while cands:
            a = (cands & -cands).bit_length() - 1
            lab = self.first(stable=True, fixed={a: OUT})
            if lab is None:
                accepted |= 1 << a
                cands &= ~(1 << a)
            else:
                cands &= in_mask(lab)
        return accepted


def scc_preferred(solver: Solver) -> Iterator[int]:
    """Every preferred extension of ``solver``'s framework, strongly connected component
    by component, in the order of the condensation (Baroni, Giacomin & Guida 2005).

    Preferred semantics is SCC-recursive, and in labelling form decomposable along the
    SCCs (Baroni et al. 2014, "On the input/output behavior of argumentation frameworks"):
    a labelling is preferred iff on each SCC it is a preferred labelling of that SCC given
    the labels of its attackers outside. Given those labels, an SCC is solved alone: its
    attackers labelled IN are stood for by one unattacked argument, those labelled UNDEC
    by one self-attacking argument, those OUT by nothing. The search goes depth first
    through the SCCs, so the work follows the number of extensions, not of the complete
    labellings (``3ⁿ`` for ``n`` mutual attacks where preferred has ``2ⁿ``); the local
    answers are kept per (SCC, input).
    """
    import networkx as nx

    n = solver.n
    g: nx.DiGraph[int] = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from((a, b) for b in range(n) for a in solver.attackers[b])
    cond = nx.condensation(g)
    sccs: list[list[int]] = [sorted(cond.nodes[c]["members"]) for c in nx.topological_sort(cond)]
    outside = []
    for members in sccs:
        inside = set(members)
        outside.append(sorted({a for b in members for a in solver.attackers[b] if a not in inside}))
    cache: dict[tuple[int, int, int], list[int]] = {}
    tgt = solver.targets

    def local(t: int, inn: int, out: int) -> list[int]:
        members = sccs[t]
        hit_in = hit_undec = 0  # members attacked from outside by IN / UNDEC arguments
        for a in outside[t]:
            if inn >> a & 1:
                for b in tgt[a]:
                    hit_in |= 1 << b
            elif not out >> a & 1:
                for b in tgt[a]:
                    hit_undec |= 1 << b
        key = (t, hit_in, hit_undec)
        got = cache.get(key)
        if got is not None:
            return got
        pos = {x: i for i, x in enumerate(members)}
        m = len(members)
        g_in, g_undec = m, m + 1
        att: list[list[int]] = [[pos[a] for a in solver.attackers[x] if a in pos] for x in members]
        for i, x in enumerate(members):
            if hit_in >> x & 1:
                att[i].append(g_in)
            if hit_undec >> x & 1:
                att[i].append(g_undec)
        att += [[], [g_undec]]
        targets: list[list[int]] = [[] for _ in range(m + 2)]
        for i, lst in enumerate(att):
            for a in lst:
                targets[a].append(i)
        sub = Solver(m + 2, att, targets)
        sub.tick = solver.tick
        found = maximal([in_mask(lab) & ((1 << m) - 1) for lab in sub.labellings()])
        got = cache[key] = [sum(1 << members[i] for i in bits(f)) for f in found]
        return got

    stack = [(0, 0, 0)]  # depth first through the SCCs, without recursion
    while stack:
        t, inn, out = stack.pop()
        if t == len(sccs):
            yield inn
            continue
        for ext in reversed(local(t, inn, out)):
            hit = 0
            for a in bits(ext):
                for b in tgt[a]:
                    hit |= 1 << b
            stack.append((t + 1, inn | ext, out | hit))


def in_mask(lab: _Doms) -> int:
    """The IN arguments of a labelling, as a bit set."""
    return sum(1 << i for i, d in enumerate(lab) if d == IN)


def bits(mask: int) -> list[int]:
    """The indices set in ``mask``, ascending."""
    out = []
    while mask:
        low = mask & -mask
        out.append(low.bit_length() - 1)
        mask ^= low
    return out


def maximal(sets: list[int]) -> list[int]:
    """The ⊆-maximal members of ``sets`` (bit sets), without duplicates."""
    uniq = sorted(set(sets), key=lambda s: -bin(s).count("1"))
    kept: list[int] = []
    for s in uniq:
        if not any(s & k == s for k in kept):
            kept.append(s)
    return kept


def minimal(sets: list[int]) -> list[int]:
    """The ⊆-minimal members of ``sets`` (bit sets), without duplicates."""
    uniq = sorted(set(sets), key=lambda s: bin(s).count("1"))
    kept: list[int] = []
    for s in uniq:
        if not any(s & k == k for k in kept):
            kept.append(s)
    return kept


# ---------------------------------------------------------------------------- stage
class StageSearch:
    """Stage extensions: conflict-free sets whose range (the set and what it attacks) is
    ⊆-maximal among all conflict-free sets (Verheij 1996).

    Enumerating naive extensions and filtering by range is hopeless (a 61-argument ICCMA
    traffic instance has over 15 million naive extensions), so this follows the
    counter-example guided scheme of CEGARTIX (Dvořák et al. 2014) with a small
    branch-and-bound search for the oracle: find a conflict-free set whose range is not
    inside any range found so far, grow its range until no conflict-free set has a larger
    one (the range is then maximal), list every conflict-free set with exactly that range,
    and repeat until no new range exists.

    Every oracle call asks for a conflict-free set whose range meets each of a list of
    *constraints* (bit sets). A constraint is met when the range hits it; the arguments
    that can still meet it are its members and their attackers that may still join the
    set. The search branches on the constraint with the fewest such candidates, so
    constraints with one candidate propagate without branching.
    """

    def __init__(self, n: int, attackers: list[list[int]], targets: list[list[int]]) -> None:
        self.n = n
        self.all = (1 << n) - 1
        self.att = [sum(1 << a for a in set(attackers[i])) for i in range(n)]
        self.tgt = [sum(1 << t for t in set(targets[i])) for i in range(n)]
        self_att = sum(1 << i for i in range(n) if self.att[i] >> i & 1)
        self.conf = [self.att[i] | self.tgt[i] | 1 << i for i in range(n)]
        self.start = self.all & ~self_att  # arguments that may be in a conflict-free set

    def _cover(self, target: int) -> int:
        """The arguments whose joining puts some member of ``target`` in the range."""
        cov = target
        for i in bits(target):
            cov |= self.att[i]
        return cov

    def _search(self, constraints: list[tuple[int, int]], every: bool) -> Iterator[tuple[int, int]]:
        """Conflict-free sets (with their ranges) whose range meets every constraint; with
        ``every``, all of them, each once; otherwise stop the caller at the first."""
        tgt, conf = self.tgt, self.conf
        stack = [(0, 0, self.start)]
        while stack:
            inn, rng, avail = stack.pop()
            best = 0
            best_size = self.n + 1
            dead = False
            for need, cov in constraints:
                if need & rng:
                    continue
                cand = cov & avail
                if not cand:
                    dead = True
                    break
                size = cand.bit_count()
                if size < best_size:
                    best, best_size = cand, size
                    if size == 1:
                        break
            if dead:
                continue
            if not best:  # every constraint met
                if not every or not avail:
                    yield inn, rng
                    continue
                best = avail  # list the conflict-free supersets too, each once
            x = best & -best
            i = x.bit_length() - 1
            if best_size > 1:
                stack.append((inn, rng, avail & ~x))  # without x
            stack.append((inn | x, rng | x | tgt[i], avail & ~conf[i]))  # with x

    def extensions(self) -> list[int]:
        """Every stage extension, as bit sets."""
        found: list[int] = []
        out: list[int] = []
        while True:
            cons = [(self.all & ~r, self._cover(self.all & ~r)) for r in found]
            hit = next(self._search(cons, every=False), None)
            if hit is None:
                return out
            rng = hit[1]
            while rng != self.all:  # grow the range until it is maximal
                rest = self.all & ~rng
                must = [(1 << i, self._cover(1 << i)) for i in bits(rng)]
                bigger = next(self._search([*must, (rest, self._cover(rest))], every=False), None)
                if bigger is None:
                    break
                rng = bigger[1]
            found.append(rng)
            must = [(1 << i, self._cover(1 << i)) for i in bits(rng)]
            out.extend(inn for inn, _ in self._search(must, every=True))
