//! The classic small graphs that exercise each path of the blossom algorithm (S-blossoms,
//! T-blossoms, nesting, expansion while relabelling, least-slack bookkeeping), from the test
//! suite of Van Rantwijk's implementation, with the optima confirmed here by brute force.

use super::*;

struct Case {
    name: &'static str,
    people: usize,
    edges: Edges,
    best: Pairs,
}

const CASES: &[Case] = &[
    Case { name: "path", people: 4, edges: &[(1, 2, 10.), (2, 3, 11.)], best: &[(2, 3)] },
    Case { name: "middle of a path", people: 5, edges: &[(1, 2, 5.), (2, 3, 11.), (3, 4, 5.)], best: &[(2, 3)] },
    Case {
        name: "S-blossom used to augment",
        people: 5,
        edges: &[(1, 2, 8.), (1, 3, 9.), (2, 3, 10.), (3, 4, 7.)],
        best: &[(1, 2), (3, 4)],
    },
    Case {
        name: "S-blossom with pendants",
        people: 7,
        edges: &[(1, 2, 8.), (1, 3, 9.), (2, 3, 10.), (3, 4, 7.), (1, 6, 5.), (4, 5, 6.)],
        best: &[(1, 6), (2, 3), (4, 5)],
    },
    Case {
        name: "S-blossom relabelled T",
        people: 7,
        edges: &[(1, 2, 9.), (1, 3, 8.), (2, 3, 10.), (1, 4, 5.), (4, 5, 4.), (1, 6, 3.)],
        best: &[(1, 6), (2, 3), (4, 5)],
    },
    Case {
        name: "S-blossom relabelled T, other pendant",
        people: 7,
        edges: &[(1, 2, 9.), (1, 3, 8.), (2, 3, 10.), (1, 4, 5.), (4, 5, 3.), (3, 6, 4.)],
        best: &[(1, 2), (3, 6), (4, 5)],
    },
    Case {
        name: "nested S-blossom used to augment",
        people: 7,
        edges: &[(1, 2, 9.), (1, 3, 9.), (2, 3, 10.), (2, 4, 8.), (3, 5, 8.), (4, 5, 10.), (5, 6, 6.)],
        best: &[(1, 3), (2, 4), (5, 6)],
    },
    Case {
        name: "S-blossom relabelled S inside a nested one",
        people: 9,
        edges: &[
            (1, 2, 10.),
            (1, 7, 10.),
            (2, 3, 12.),
            (3, 4, 20.),
            (3, 5, 20.),
            (4, 5, 25.),
            (5, 6, 10.),
            (6, 7, 10.),
            (7, 8, 8.),
        ],
        best: &[(1, 2), (3, 4), (5, 6), (7, 8)],
    },
    Case {
        name: "nested S-blossom expanded recursively",
        people: 9,
        edges: &[
            (1, 2, 8.),
            (1, 3, 8.),
            (2, 3, 10.),
            (2, 4, 12.),
            (3, 5, 12.),
            (4, 5, 14.),
            (4, 6, 12.),
            (5, 7, 12.),
            (6, 7, 14.),
            (7, 8, 12.),
        ],
        best: &[(1, 2), (3, 5), (4, 6), (7, 8)],
    },
    Case {
        name: "S-blossom relabelled T and expanded",
        people: 9,
        edges: &[
            (1, 2, 23.),
            (1, 5, 22.),
            (1, 6, 15.),
            (2, 3, 25.),
            (3, 4, 22.),
            (4, 5, 25.),
            (4, 8, 14.),
            (5, 7, 13.),
        ],
        best: &[(1, 6), (2, 3), (4, 8), (5, 7)],
    },
    Case {
        name: "nested S-blossom relabelled T and expanded",
        people: 9,
        edges: &[
            (1, 2, 19.),
            (1, 3, 20.),
            (1, 8, 8.),
            (2, 3, 25.),
            (2, 4, 18.),
            (3, 5, 18.),
            (4, 5, 13.),
            (4, 7, 7.),
            (5, 6, 7.),
        ],
        best: &[(1, 8), (2, 3), (4, 7), (5, 6)],
    },
    Case {
        name: "blossom relabelled T in more than one way",
        people: 11,
        edges: &[
            (1, 2, 45.),
            (1, 5, 45.),
            (2, 3, 50.),
            (3, 4, 45.),
            (4, 5, 50.),
            (1, 6, 30.),
            (3, 9, 35.),
            (4, 8, 35.),
            (5, 7, 26.),
            (9, 10, 5.),
        ],
        best: &[(1, 6), (2, 3), (4, 8), (5, 7), (9, 10)],
    },
    Case {
        name: "blossom relabelled T in more than one way, again",
        people: 11,
        edges: &[
            (1, 2, 45.),
            (1, 5, 45.),
            (2, 3, 50.),
            (3, 4, 45.),
            (4, 5, 50.),
            (1, 6, 30.),
            (3, 9, 35.),
            (4, 8, 26.),
            (5, 7, 40.),
            (9, 10, 5.),
        ],
        best: &[(1, 6), (2, 3), (4, 8), (5, 7), (9, 10)],
    },
    Case {
        name: "expansion yields a new least-slack edge",
        people: 11,
        edges: &[
            (1, 2, 45.),
            (1, 5, 45.),
            (2, 3, 50.),
            (3, 4, 45.),
            (4, 5, 50.),
            (1, 6, 30.),
            (3, 9, 35.),
            (4, 8, 28.),
            (5, 7, 26.),
            (9, 10, 5.),
        ],
        best: &[(1, 6), (2, 3), (4, 8), (5, 7), (9, 10)],
    },
    Case {
        name: "nested blossom ends up on an augmenting path after expansion",
        people: 13,
        edges: &[
            (1, 2, 45.),
            (1, 7, 45.),
            (2, 3, 50.),
            (3, 4, 45.),
            (4, 5, 95.),
            (4, 6, 94.),
            (5, 6, 94.),
            (6, 7, 50.),
            (1, 8, 30.),
            (3, 11, 35.),
            (5, 9, 36.),
            (7, 10, 26.),
            (11, 12, 5.),
        ],
        best: &[(1, 8), (2, 3), (4, 6), (5, 9), (7, 10), (11, 12)],
    },
    Case {
        name: "nested S-blossom relabelled S and expanded recursively",
        people: 11,
        edges: &[
            (1, 2, 40.),
            (1, 3, 40.),
            (2, 3, 60.),
            (2, 4, 55.),
            (3, 5, 55.),
            (4, 5, 50.),
            (1, 8, 15.),
            (5, 7, 30.),
            (7, 6, 10.),
            (8, 10, 10.),
            (4, 9, 30.),
        ],
        best: &[(1, 2), (3, 5), (4, 9), (6, 7), (8, 10)],
    },
    Case {
        name: "some people left single",
        people: 6,
        edges: &[(0, 1, 2.), (0, 4, 3.), (1, 2, 7.), (1, 5, 2.), (2, 3, 9.), (2, 5, 4.), (3, 4, 8.), (3, 5, 4.)],
        best: &[(1, 2), (3, 4)],
    },
    Case {
        name: "nested S-blossom, only the outer expanded",
        people: 6,
        edges: &[(0, 1, 8.), (0, 2, 8.), (1, 2, 9.), (1, 3, 6.), (2, 4, 7.), (3, 4, 8.), (3, 5, 5.)],
        best: &[(0, 1), (2, 4), (3, 5)],
    },
    Case {
        name: "nested S-blossom left with an inner zero price",
        people: 7,
        edges: &[(0, 1, 7.), (0, 2, 7.), (1, 2, 9.), (0, 3, 7.), (0, 4, 7.), (3, 4, 9.), (5, 6, 2.)],
        best: &[(1, 2), (3, 4), (5, 6)],
    },
    Case {
        name: "redundant edge dropped while making a blossom",
        people: 6,
        edges: &[(0, 1, 7.), (0, 4, 6.), (1, 2, 9.), (2, 3, 8.), (3, 4, 9.), (2, 5, 1.), (4, 5, 1.)],
        best: &[(1, 2), (3, 4)],
    },
];

/// Small graphs generated to fail under specific bugs in blossom code.
type Edges = &'static [(usize, usize, f64)];
type Pairs = &'static [(usize, usize)];

const CORNERS: &[(Edges, Pairs)] = &[
    (&[(0, 4, 26.), (1, 3, 31.), (1, 4, 49.)], &[(0, 4), (1, 3)]),
    (&[(0, 2, 42.), (0, 4, 36.), (2, 3, 26.)], &[(0, 4), (2, 3)]),
    (&[(0, 4, 43.), (1, 4, 28.), (2, 4, 38.)], &[(0, 4)]),
    (&[(0, 1, 50.), (0, 3, 46.), (0, 4, 45.)], &[(0, 1)]),
    (&[(0, 1, 35.), (0, 3, 36.), (0, 4, 46.)], &[(0, 4)]),
    (
        &[(0, 1, 50.), (0, 4, 51.), (0, 5, 34.), (1, 2, 43.), (1, 4, 57.), (2, 5, 47.), (3, 4, 17.)],
        &[(0, 1), (2, 5), (3, 4)],
    ),
    (&[(0, 1, 34.), (0, 3, 19.), (1, 2, 45.), (1, 3, 30.), (1, 4, 37.), (2, 4, 36.)], &[(0, 1), (2, 4)]),
    (
        &[(0, 1, 48.), (0, 3, 42.), (0, 4, 57.), (1, 3, 51.), (1, 5, 36.), (2, 3, 23.), (4, 5, 46.)],
        &[(0, 1), (2, 3), (4, 5)],
    ),
    (
        &[(0, 1, 21.), (0, 2, 25.), (0, 5, 42.), (1, 4, 40.), (2, 3, 10.), (2, 5, 40.), (3, 5, 31.), (4, 5, 58.)],
        &[(0, 2), (1, 4), (3, 5)],
    ),
    (
        &[(0, 2, 7.), (0, 5, 20.), (1, 2, 50.), (1, 4, 46.), (2, 3, 35.), (2, 4, 8.), (2, 5, 25.), (3, 5, 47.)],
        &[(0, 5), (1, 4), (2, 3)],
    ),
    (
        &[(0, 1, 42.), (0, 2, 60.), (1, 3, 34.), (1, 4, 58.), (1, 5, 52.), (2, 5, 60.), (3, 5, 34.), (4, 5, 57.)],
        &[(0, 2), (1, 4), (3, 5)],
    ),
    (&[(0, 1, 23.), (0, 2, 26.), (0, 3, 22.), (0, 4, 41.), (2, 4, 36.)], &[(0, 1), (2, 4)]),
    (&[(0, 3, 58.), (0, 4, 49.), (1, 5, 34.), (2, 3, 22.), (2, 5, 42.), (4, 5, 36.)], &[(0, 4), (1, 5), (2, 3)]),
    (&[(0, 1, 29.), (0, 3, 35.), (0, 4, 42.), (1, 2, 12.), (2, 4, 29.), (3, 4, 44.)], &[(0, 1), (3, 4)]),
    (
        &[(0, 4, 53.), (0, 5, 42.), (1, 4, 45.), (2, 4, 59.), (2, 6, 39.), (4, 5, 69.), (4, 6, 52.)],
        &[(0, 5), (1, 4), (2, 6)],
    ),
    (&[(0, 2, 13.), (1, 2, 11.), (2, 3, 39.), (2, 4, 17.), (3, 4, 35.)], &[(0, 2), (3, 4)]),
];

fn check(name: &str, pool: &Pool, best: &[(usize, usize)]) {
    let pairing = solved(pool, Goal::BestTotal);
    assert_eq!(pairing.total, brute_force(pool).0, "{name}: not the best total");
    assert_eq!(pairing.pairs, best, "{name}");
}

#[test]
fn classic_blossom_cases_find_their_known_optimum() {
    for case in CASES {
        check(case.name, &sparse(case.people, case.edges), case.best);
    }
}

#[test]
fn corner_cases_find_their_known_optimum() {
    for (k, (edges, best)) in CORNERS.iter().enumerate() {
        let people = edges.iter().map(|&(i, j, _)| i.max(j) + 1).max().unwrap_or(0);
        check(&format!("corner case {}", k + 1), &sparse(people, edges), best);
    }
}

#[test]
fn negative_scores_are_left_out_unless_pairs_come_first() {
    let pool = sparse(5, &[(1, 2, 2.), (1, 3, -2.), (2, 3, 1.), (2, 4, -1.), (3, 4, -6.)]);
    assert_eq!(solved(&pool, Goal::BestTotal).pairs, vec![(1, 2)]);
    let most = solved(&pool, Goal::MostPairs);
    assert_eq!((most.pairs, most.total), (vec![(1, 3), (2, 4)], -3.0));
}

#[test]
fn most_pairs_takes_the_two_outer_edges_of_a_path() {
    let pool = sparse(5, &[(1, 2, 5.), (2, 3, 11.), (3, 4, 5.)]);
    assert_eq!(solved(&pool, Goal::MostPairs).pairs, vec![(1, 2), (3, 4)]);
}
