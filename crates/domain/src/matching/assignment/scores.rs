//! The score matrix as the solver reads it, a mentor's row at a time.
//!
//! Each search of the solver reads whole rows, one per mentor it passes through, and at
//! thousands of mentees those rows come from main memory. Real scores are sums of a few weighted
//! criteria, so a matrix of millions of pairs often holds only a few hundred distinct numbers:
//! [`Coded`] then stores one byte per pair and the numbers apart, an eighth of the memory to read
//! for the very same values, so the solver's arithmetic and its result are the same either way.

use rustc_hash::FxHashMap;

/// A mentor's scores, each as a code, and the score a code stands for.
pub(super) trait Scores {
    type Code: Copy;

    /// The codes of `mentor`'s row, one per mentee.
    fn row(&self, mentor: usize) -> &[Self::Code];

    /// The score a code stands for.
    fn value(&self, code: Self::Code) -> f64;
}

/// The problem's own matrix.
pub(super) struct Plain<'a> {
    pub scores: &'a [f64],
    pub mentees: usize,
}

impl Scores for Plain<'_> {
    type Code = f64;

    #[inline]
    fn row(&self, mentor: usize) -> &[f64] {
        &self.scores[mentor * self.mentees..(mentor + 1) * self.mentees]
    }

    #[inline(always)]
    fn value(&self, score: f64) -> f64 {
        score
    }
}

/// Slots of [`Coded::of`]'s table of recent scores (a power of two).
const RECENT_SLOTS: usize = 4096;

/// A matrix of at most 256 distinct scores, one byte per pair.
pub(super) struct Coded {
    codes: Vec<u8>,
    /// The score of each code (a whole table, so that a byte indexes it without a bounds check).
    values: Box<[f64; 256]>,
    mentees: usize,
}

impl Coded {
    /// The matrix coded, or `None` when it holds more than 256 distinct scores (found early:
    /// the coding stops at the 257th).
    pub fn of(scores: &[f64], mentees: usize) -> Option<Self> {
        let mut values = Box::new([0.0; 256]);
        // Keyed by the bits, so that every number (−inf, −0.0) keeps its exact value.
        let mut code_of: FxHashMap<u64, u8> = FxHashMap::default();
        // In front of the map, a table of the scores seen lately, one per slot of their hash:
        // with a few hundred scores nearly every lookup ends there, at the cost of one multiply.
        let mut recent = vec![(u64::MAX, 0u8); RECENT_SLOTS];
        let mut codes = Vec::with_capacity(scores.len());
        for &score in scores {
            let bits = score.to_bits();
            let slot = (bits.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - RECENT_SLOTS.trailing_zeros())) as usize;
            let code = match recent[slot] {
                (seen, code) if seen == bits => code,
                _ => {
                    let code = match code_of.get(&bits) {
                        Some(&code) => code,
                        None => {
                            let code = u8::try_from(code_of.len()).ok()?;
                            values[usize::from(code)] = score;
                            code_of.insert(bits, code);
                            code
                        }
                    };
                    recent[slot] = (bits, code);
                    code
                }
            };
            codes.push(code);
        }
        Some(Self { codes, values, mentees })
    }
}

impl Scores for Coded {
    type Code = u8;

    #[inline]
    fn row(&self, mentor: usize) -> &[u8] {
        &self.codes[mentor * self.mentees..(mentor + 1) * self.mentees]
    }

    #[inline(always)]
    fn value(&self, code: u8) -> f64 {
        self.values[usize::from(code)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_coded_matrix_reads_back_every_score_exactly() {
        let scores = [1.0 / 9.0, f64::NEG_INFINITY, -0.0, 0.0, 1.0 / 9.0, 7.5];
        let coded = Coded::of(&scores, 3).expect("six scores");
        let read: Vec<f64> = (0..2).flat_map(|r| coded.row(r).iter().map(|&c| coded.value(c))).collect();
        let bits = |s: &[f64]| s.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&read), bits(&scores));
        assert_eq!(coded.codes, [0, 1, 2, 3, 0, 4], "one code per distinct number");
    }

    #[test]
    fn a_matrix_of_more_than_256_scores_is_not_coded() {
        let scores: Vec<f64> = (0..257).map(f64::from).collect();
        assert!(Coded::of(&scores, 257).is_none());
        assert!(Coded::of(&scores[..256], 256).is_some());
    }
}
