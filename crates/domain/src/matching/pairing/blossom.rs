//! Maximum-weight matching in a general graph with integer weights: Edmonds' blossom algorithm
//! with dual variables, in O(n³), as laid out by Galil ("Efficient algorithms for finding
//! maximum matching in graphs", 1986) and in the well-known structure of Van Rantwijk's
//! implementation.
//!
//! The primal-dual method keeps a price `u(v)` per vertex and `z(B)` per blossom (an odd set of
//! vertices, nested in a laminar family) such that every edge is covered,
//! `u(i) + u(j) + Σ z(B ∋ i, j) ≥ w(i, j)`, and grows the matching only along tight edges. Each
//! *stage* grows alternating trees from every single vertex: S-vertices (even distance from a
//! root) and T-vertices (odd). An edge between two S-vertices closes either an augmenting path
//! (the stage ends) or an odd cycle, which shrinks into a new S-blossom. When no tight edge
//! helps, the prices move by the largest `delta` that keeps them feasible (S down, T up, S
//! blossoms up, T blossoms down), which makes a new edge tight, empties a T-blossom (it is
//! expanded), or brings the prices of single vertices to zero (the optimum).
//!
//! Weights are integers and vertex prices are kept doubled, so every `delta` is an integer and
//! the result is exact. The graph is a dense `n × n` matrix, which suits a pool where nearly
//! every pair is allowed.

mod structure;

/// Marks a pair that is not an edge.
pub(super) const NO_EDGE: i64 = i64::MIN;

/// A maximum-weight matching with the dual prices that prove it.
pub(super) struct Optimum {
    pub mate: Vec<Option<usize>>,
    /// Twice each vertex's price, so that prices stay integers.
    pub twice_vertex_prices: Vec<i64>,
    /// Each blossom with a positive price: its vertices and its price.
    pub blossoms: Vec<(Vec<usize>, i64)>,
}

/// The matching of `n` vertices with the largest total weight, where `weights[i * n + j]` is the
/// weight of edge `{i, j}` (symmetric) or [`NO_EDGE`].
pub(super) fn max_weight_matching(n: usize, weights: &[i64]) -> Optimum {
    let mut search = Search::new(n, weights);
    while search.run_stage() {
        search.expand_empty_s_blossoms();
    }
    search.into_optimum()
}

/// The label of a top-level blossom (or vertex) in the alternating forest of a stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Label {
    Free,
    /// At even distance from a root (a single vertex).
    S,
    /// At odd distance from a root.
    T,
}

/// What ends a round of price changes.
enum Delta {
    /// Single vertices reach price zero: the matching is optimal.
    Optimal,
    /// An edge from this S-vertex becomes tight: scan it again.
    Tight(usize),
    /// This T-blossom's price reaches zero.
    Expand(usize),
}

/// An edge kept as a candidate for the next price change, with its weight at hand: candidates
/// are compared again and again, and looking the weight up in the matrix each time would miss
/// the cache.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    from: usize,
    to: usize,
    weight: i64,
}

/// The state of the algorithm. Ids `0..n` are vertices (trivial blossoms), `n..2n` blossoms.
struct Search<'a> {
    n: usize,
    weights: &'a [i64],
    mate: Vec<Option<usize>>,
    /// For top-level blossoms; for a vertex inside a T-blossom, `T` once it is reached from
    /// an S-vertex outside (needed to relabel when that blossom is expanded).
    label: Vec<Label>,
    /// The edge `(v, w)` through which the blossom (or reached vertex) got its label, `w`
    /// inside it; `None` for a root.
    label_edge: Vec<Option<(usize, usize)>>,
    /// Breadcrumbs while tracing back from both ends of an S–S edge.
    crumb: Vec<bool>,
    /// The top-level blossom of each vertex.
    in_blossom: Vec<usize>,
    parent: Vec<Option<usize>>,
    /// Sub-blossoms in order round the cycle, starting with the one holding the base.
    children: Vec<Vec<usize>>,
    /// `links[b][i] = (v, w)`: the edge from `v` in `children[b][i]` to `w` in the next child.
    links: Vec<Vec<(usize, usize)>>,
    base: Vec<usize>,
    /// Twice the price of a vertex; the price of a blossom.
    dual: Vec<i64>,
    /// For a free vertex: its least-slack edge from an S-vertex. For a top-level S-blossom:
    /// its least-slack edge to another S-blossom.
    best_edge: Vec<Option<Candidate>>,
    /// For a top-level S-blossom: its least-slack edge to each neighbouring S-blossom.
    best_edges: Vec<Option<Vec<Candidate>>>,
    /// Scratch for collecting `best_edges`, indexed by blossom, always all `None` between uses.
    best_to: Vec<Option<Candidate>>,
    /// S-vertices whose edges are still to be scanned.
    queue: Vec<usize>,
    unused_ids: Vec<usize>,
}

impl<'a> Search<'a> {
    fn new(n: usize, weights: &'a [i64]) -> Self {
        let largest = weights.iter().copied().filter(|&w| w != NO_EDGE).max().unwrap_or(0).max(0);
        let mut dual = vec![largest; n];
        dual.resize(2 * n, 0);
        Self {
            n,
            weights,
            mate: vec![None; n],
            label: vec![Label::Free; 2 * n],
            label_edge: vec![None; 2 * n],
            crumb: vec![false; 2 * n],
            in_blossom: (0..n).collect(),
            parent: vec![None; 2 * n],
            children: vec![Vec::new(); 2 * n],
            links: vec![Vec::new(); 2 * n],
            base: (0..n).chain(0..n).collect(),
            dual,
            best_edge: vec![None; 2 * n],
            best_edges: vec![None; 2 * n],
            best_to: vec![None; 2 * n],
            queue: Vec::new(),
            unused_ids: (n..2 * n).rev().collect(),
        }
    }

    fn is_blossom(&self, b: usize) -> bool {
        b >= self.n && !self.children[b].is_empty()
    }

    fn is_top_level(&self, b: usize) -> bool {
        (b < self.n || self.is_blossom(b)) && self.parent[b].is_none()
    }

    fn weight(&self, v: usize, w: usize) -> i64 {
        self.weights[v * self.n + w]
    }

    /// Twice the slack of a candidate edge, ignoring blossom prices (right for an edge between
    /// two top-level blossoms).
    fn slack(&self, edge: Candidate) -> i64 {
        self.dual[edge.from] + self.dual[edge.to] - 2 * edge.weight
    }

    /// The vertices of blossom `b`.
    fn leaves(&self, b: usize) -> Vec<usize> {
        let mut leaves = Vec::new();
        let mut stack = vec![b];
        while let Some(x) = stack.pop() {
            if x < self.n {
                leaves.push(x);
            } else {
                stack.extend(self.children[x].iter().rev());
            }
        }
        leaves
    }

    /// One stage: grow the forest until the matching augments (true) or is optimal (false).
    fn run_stage(&mut self) -> bool {
        self.label.fill(Label::Free);
        self.label_edge.fill(None);
        self.best_edge.fill(None);
        self.best_edges.fill(None);
        self.queue.clear();
        for v in 0..self.n {
            if self.mate[v].is_none() && self.label[self.in_blossom[v]] == Label::Free {
                self.label_s(v, None);
            }
        }
        loop {
            while let Some(v) = self.queue.pop() {
                if self.scan(v) {
                    return true;
                }
            }
            let (delta, event) = self.next_delta();
            self.move_prices(delta);
            match event {
                Delta::Optimal => return false,
                Delta::Tight(v) => self.queue.push(v),
                Delta::Expand(b) => self.expand(b, false),
            }
        }
    }

    /// Labels the top-level blossom of `w` S (reached from `from`) and queues its vertices.
    fn label_s(&mut self, w: usize, from: Option<usize>) {
        let b = self.mark(w, Label::S, from);
        let leaves = self.leaves(b);
        self.queue.extend(leaves);
    }

    /// Labels the top-level blossom of `w` T (reached from the S-vertex `from`), and the
    /// blossom of its base's mate S.
    fn label_t(&mut self, w: usize, from: usize) {
        let b = self.mark(w, Label::T, Some(from));
        let base = self.base[b];
        let mate = self.mate[base].expect("the base of a T-blossom is matched");
        self.label_s(mate, Some(base));
    }

    fn mark(&mut self, w: usize, label: Label, from: Option<usize>) -> usize {
        let b = self.in_blossom[w];
        debug_assert!(self.label[w] == Label::Free && self.label[b] == Label::Free);
        let edge = from.map(|v| (v, w));
        for x in [w, b] {
            self.label[x] = label;
            self.label_edge[x] = edge;
            self.best_edge[x] = None;
        }
        b
    }

    /// Scans the edges of S-vertex `v`; true when the matching augmented.
    fn scan(&mut self, v: usize) -> bool {
        let (n, weights) = (self.n, self.weights);
        let row = &weights[v * n..(v + 1) * n];
        // The least-slack edge to another S-blossom, kept here while scanning (it is the hot
        // path on a dense pool) and handed to `v`'s blossom before its structure changes.
        let mut to_s: Option<(i64, Candidate)> = None;
        for (w, &weight) in row.iter().enumerate() {
            let (bv, bw) = (self.in_blossom[v], self.in_blossom[w]);
            if weight == NO_EDGE || bv == bw {
                continue;
            }
            let slack = self.dual[v] + self.dual[w] - 2 * weight;
            if slack <= 0 {
                self.offer_best_edge(bv, to_s.take());
                if self.use_tight_edge(v, w) {
                    return true;
                }
            } else if self.label[bw] == Label::S {
                if to_s.is_none_or(|(least, _)| slack < least) {
                    to_s = Some((slack, Candidate { from: v, to: w, weight }));
                }
            } else if self.label[w] == Label::Free {
                self.offer_best_edge(w, Some((slack, Candidate { from: v, to: w, weight })));
            }
        }
        self.offer_best_edge(self.in_blossom[v], to_s);
        false
    }

    /// Keeps `offer` (its slack and the edge) as the best edge at `at` if it has less slack.
    fn offer_best_edge(&mut self, at: usize, offer: Option<(i64, Candidate)>) {
        if let Some((slack, edge)) = offer
            && self.best_edge[at].is_none_or(|best| slack < self.slack(best))
        {
            self.best_edge[at] = Some(edge);
        }
    }

    /// Follows the tight edge from S-vertex `v` to `w`; true when the matching augmented.
    fn use_tight_edge(&mut self, v: usize, w: usize) -> bool {
        let bw = self.in_blossom[w];
        match self.label[bw] {
            Label::Free => self.label_t(w, v),
            Label::S => match self.find_blossom_base(v, w) {
                Some(base) => self.add_blossom(base, v, w),
                None => {
                    self.augment(v, w);
                    return true;
                }
            },
            Label::T => {
                if self.label[w] == Label::Free {
                    self.label[w] = Label::T;
                    self.label_edge[w] = Some((v, w));
                }
            }
        }
        false
    }

    /// Traces back from S-vertices `v` and `w` towards their roots, alternately: the base of
    /// the new blossom where the paths meet, or `None` when they reach two different roots.
    fn find_blossom_base(&mut self, v: usize, w: usize) -> Option<usize> {
        let mut path = Vec::new();
        let mut base = None;
        let (mut v, mut w) = (Some(v), Some(w));
        while let Some(x) = v {
            let b = self.in_blossom[x];
            if self.crumb[b] {
                base = Some(self.base[b]);
                break;
            }
            debug_assert_eq!(self.label[b], Label::S);
            path.push(b);
            self.crumb[b] = true;
            v = self.label_edge[b].map(|(mate_of_base, _)| {
                let t = self.in_blossom[mate_of_base];
                self.label_edge[t].expect("a T-blossom has the edge it was reached by").0
            });
            if w.is_some() {
                std::mem::swap(&mut v, &mut w);
            }
        }
        for b in path {
            self.crumb[b] = false;
        }
        base
    }

    /// The price change and what it leads to: the smallest of the four bounds of Galil's
    /// method, the first one found on ties (prices doubled for vertices, as in `dual`).
    fn next_delta(&self) -> (i64, Delta) {
        let n = self.n;
        let mut best = (self.dual[..n].iter().copied().min().unwrap_or(0), Delta::Optimal);
        for v in 0..n {
            if self.label[self.in_blossom[v]] == Label::Free
                && let Some(edge) = self.best_edge[v]
                && self.slack(edge) < best.0
            {
                best = (self.slack(edge), Delta::Tight(edge.from));
            }
        }
        for b in 0..2 * n {
            if self.is_top_level(b)
                && self.label[b] == Label::S
                && let Some(edge) = self.best_edge[b]
            {
                let slack = self.slack(edge);
                debug_assert_eq!(slack % 2, 0, "S–S slacks are even with integer weights");
                if slack / 2 < best.0 {
                    best = (slack / 2, Delta::Tight(edge.from));
                }
            }
        }
        for b in n..2 * n {
            if self.is_blossom(b) && self.parent[b].is_none() && self.label[b] == Label::T && self.dual[b] < best.0 {
                best = (self.dual[b], Delta::Expand(b));
            }
        }
        best
    }

    fn move_prices(&mut self, delta: i64) {
        for v in 0..self.n {
            match self.label[self.in_blossom[v]] {
                Label::S => self.dual[v] -= delta,
                Label::T => self.dual[v] += delta,
                Label::Free => {}
            }
        }
        for b in self.n..2 * self.n {
            if self.is_blossom(b) && self.parent[b].is_none() {
                match self.label[b] {
                    Label::S => self.dual[b] += delta,
                    Label::T => self.dual[b] -= delta,
                    Label::Free => {}
                }
            }
        }
    }

    /// After an augmentation: top-level S-blossoms whose price is zero need not stay shrunk.
    fn expand_empty_s_blossoms(&mut self) {
        for b in self.n..2 * self.n {
            if self.is_blossom(b) && self.parent[b].is_none() && self.label[b] == Label::S && self.dual[b] == 0 {
                self.expand(b, true);
            }
        }
    }

    fn into_optimum(self) -> Optimum {
        let blossoms = (self.n..2 * self.n)
            .filter(|&b| self.is_blossom(b) && self.dual[b] > 0)
            .map(|b| (self.leaves(b), self.dual[b]))
            .collect();
        let mut twice_vertex_prices = self.dual;
        twice_vertex_prices.truncate(self.n);
        Optimum { mate: self.mate, twice_vertex_prices, blossoms }
    }
}
