//! Changing the blossom structure: shrinking an odd cycle into a blossom, expanding one, and
//! flipping an augmenting path through the blossoms it crosses.

use super::{Candidate, Label, NO_EDGE, Search};

/// Position `j` (possibly negative) in a cycle of `len` entries.
fn wrap(j: isize, len: usize) -> usize {
    j.rem_euclid(len as isize) as usize
}

impl Search<'_> {
    /// The edge leaving child `j` of blossom `b` towards the next child in direction `step`
    /// (±1): `(vertex in child j, vertex in the next child)`.
    fn link(&self, b: usize, j: isize, step: isize) -> (usize, usize) {
        let links = &self.links[b];
        if step == 1 {
            links[wrap(j, links.len())]
        } else {
            let (v, w) = links[wrap(j - 1, links.len())];
            (w, v)
        }
    }

    /// Where to start walking round blossom `b` from `child` to reach the base child over an
    /// even number of steps (an even-length alternating path): the start and the direction.
    fn walk_to_base(&self, b: usize, child: usize) -> (isize, isize) {
        let children = &self.children[b];
        let i = children.iter().position(|&c| c == child).expect("the child is in the blossom") as isize;
        if i % 2 == 1 { (i - children.len() as isize, 1) } else { (i, -1) }
    }

    /// Shrinks the odd cycle closed by the tight edge `(v, w)` between two S-vertices, whose
    /// tree paths meet at `base`, into a new top-level S-blossom with price zero.
    pub(super) fn add_blossom(&mut self, base: usize, v: usize, w: usize) {
        let base_child = self.in_blossom[base];
        let b = self.unused_ids.pop().expect("at most n/2 blossoms exist at once");
        self.base[b] = base;
        self.parent[b] = None;
        self.parent[base_child] = Some(b);
        let mut children = Vec::new();
        let mut links = vec![(v, w)];
        let mut child = self.in_blossom[v];
        while child != base_child {
            self.parent[child] = Some(b);
            children.push(child);
            let edge = self.label_edge[child].expect("a labelled non-root has its edge");
            links.push(edge);
            child = self.in_blossom[edge.0];
        }
        children.push(base_child);
        children.reverse();
        links.reverse();
        let mut child = self.in_blossom[w];
        while child != base_child {
            self.parent[child] = Some(b);
            children.push(child);
            let (from, to) = self.label_edge[child].expect("a labelled non-root has its edge");
            links.push((to, from));
            child = self.in_blossom[from];
        }
        self.label[b] = Label::S;
        self.label_edge[b] = self.label_edge[base_child];
        self.dual[b] = 0;
        self.children[b] = children;
        self.links[b] = links;
        for leaf in self.leaves(b) {
            if self.label[self.in_blossom[leaf]] == Label::T {
                // A T-vertex inside a new S-blossom becomes an S-vertex: scan it.
                self.queue.push(leaf);
            }
            self.in_blossom[leaf] = b;
        }
        self.collect_best_edges(b);
    }

    /// Merges the least-slack edges of the children of the new S-blossom `b` into its own
    /// list: one edge per neighbouring S-blossom, so that the next price change is found in
    /// O(n) rather than by scanning every edge.
    fn collect_best_edges(&mut self, b: usize) {
        let mut best_to = std::mem::take(&mut self.best_to);
        let mut neighbours = Vec::new();
        for child in self.children[b].clone() {
            match self.best_edges[child].take() {
                Some(edges) => {
                    for edge in edges {
                        self.offer_to(&mut best_to, &mut neighbours, b, edge);
                    }
                }
                None => {
                    for leaf in self.leaves(child) {
                        for other in 0..self.n {
                            let weight = self.weight(leaf, other);
                            if other != leaf && weight != NO_EDGE {
                                let edge = Candidate { from: leaf, to: other, weight };
                                self.offer_to(&mut best_to, &mut neighbours, b, edge);
                            }
                        }
                    }
                }
            }
            self.best_edge[child] = None;
        }
        let edges: Vec<_> =
            neighbours.iter().map(|&to| best_to[to].take().expect("each neighbour has an edge")).collect();
        self.best_edge[b] = edges.iter().copied().min_by_key(|&edge| self.slack(edge));
        self.best_edges[b] = Some(edges);
        self.best_to = best_to;
    }

    /// Keeps `edge` as the best edge from `b` to the S-blossom at its other end if it has the
    /// least slack so far.
    fn offer_to(&self, best_to: &mut [Option<Candidate>], neighbours: &mut Vec<usize>, b: usize, edge: Candidate) {
        let edge =
            if self.in_blossom[edge.to] == b { Candidate { from: edge.to, to: edge.from, ..edge } } else { edge };
        let to = self.in_blossom[edge.to];
        if to == b || self.label[to] != Label::S {
            return;
        }
        match best_to[to] {
            None => {
                neighbours.push(to);
                best_to[to] = Some(edge);
            }
            Some(best) if self.slack(edge) < self.slack(best) => best_to[to] = Some(edge),
            Some(_) => {}
        }
    }

    /// Turns the children of top-level blossom `b` into top-level blossoms. At the end of a
    /// stage, children with price zero are expanded too; during a stage `b` is a T-blossom
    /// whose price reached zero, and its children are relabelled so the forest stays whole.
    pub(super) fn expand(&mut self, b: usize, end_of_stage: bool) {
        for child in self.children[b].clone() {
            self.parent[child] = None;
            if child < self.n {
                self.in_blossom[child] = child;
            } else if end_of_stage && self.dual[child] == 0 {
                self.expand(child, true);
            } else {
                for leaf in self.leaves(child) {
                    self.in_blossom[leaf] = child;
                }
            }
        }
        if !end_of_stage && self.label[b] == Label::T {
            self.relabel_children(b);
        }
        self.label[b] = Label::Free;
        self.label_edge[b] = None;
        self.best_edge[b] = None;
        self.best_edges[b] = None;
        self.children[b].clear();
        self.links[b].clear();
        self.unused_ids.push(b);
    }

    /// Relabels the children of the expanded T-blossom `b`: the even path from the child it
    /// was entered by to the base child becomes alternately T and S; on the rest of the cycle,
    /// a child becomes T only if one of its vertices was reached from outside.
    fn relabel_children(&mut self, b: usize) {
        let (from, entry) = self.label_edge[b].expect("a T-blossom has the edge it was reached by");
        let entry_child = self.in_blossom[entry];
        let (mut j, step) = self.walk_to_base(b, entry_child);
        let (mut v, mut w) = (from, entry);
        while j != 0 {
            let (_, q) = self.link(b, j, step);
            self.label[w] = Label::Free;
            self.label[q] = Label::Free;
            self.label_t(w, v);
            j += step;
            (v, w) = self.link(b, j, step);
            j += step;
        }
        // The base child becomes T without passing the label on: its mate is outside `b`
        // and already labelled S.
        let base_child = self.children[b][0];
        for x in [w, base_child] {
            self.label[x] = Label::T;
            self.label_edge[x] = Some((v, w));
        }
        self.best_edge[base_child] = None;
        let len = self.children[b].len();
        j += step;
        while self.children[b][wrap(j, len)] != entry_child {
            let child = self.children[b][wrap(j, len)];
            j += step;
            if self.label[child] == Label::S {
                continue;
            }
            let reached = self.leaves(child).into_iter().find(|&x| self.label[x] != Label::Free);
            if let Some(reached) = reached {
                debug_assert_eq!(self.label[reached], Label::T);
                self.label[reached] = Label::Free;
                let mate = self.mate[self.base[child]].expect("a non-base child is matched");
                self.label[mate] = Label::Free;
                let from = self.label_edge[reached].expect("a reached vertex has its edge").0;
                self.label_t(reached, from);
            }
        }
    }

    /// Swaps matched and unmatched edges on the alternating path from vertex `v` to the base
    /// of blossom `b`, making `v` the new base.
    fn augment_blossom(&mut self, b: usize, v: usize) {
        let mut child = v;
        while self.parent[child] != Some(b) {
            child = self.parent[child].expect("v lies inside b");
        }
        if child >= self.n {
            self.augment_blossom(child, v);
        }
        let (start, step) = self.walk_to_base(b, child);
        let mut j = start;
        while j != 0 {
            j += step;
            let (w, x) = self.link(b, j, step);
            let len = self.children[b].len();
            let here = self.children[b][wrap(j, len)];
            if here >= self.n {
                self.augment_blossom(here, w);
            }
            j += step;
            let next = self.children[b][wrap(j, len)];
            if next >= self.n {
                self.augment_blossom(next, x);
            }
            self.mate[w] = Some(x);
            self.mate[x] = Some(w);
        }
        let shift = wrap(start, self.children[b].len());
        self.children[b].rotate_left(shift);
        self.links[b].rotate_left(shift);
        self.base[b] = self.base[self.children[b][0]];
        debug_assert_eq!(self.base[b], v);
    }

    /// Augments the matching along the path through the tight edge `(v, w)` between two
    /// S-vertices of different trees, back to both roots.
    pub(super) fn augment(&mut self, v: usize, w: usize) {
        for (mut s, mut j) in [(v, w), (w, v)] {
            loop {
                let bs = self.in_blossom[s];
                if bs >= self.n {
                    self.augment_blossom(bs, s);
                }
                self.mate[s] = Some(j);
                let Some((t, _)) = self.label_edge[bs] else {
                    break;
                };
                let bt = self.in_blossom[t];
                let (next_s, next_j) = self.label_edge[bt].expect("a T-blossom has the edge it was reached by");
                if bt >= self.n {
                    self.augment_blossom(bt, next_j);
                }
                self.mate[next_j] = Some(next_s);
                (s, j) = (next_s, next_j);
            }
        }
    }
}
