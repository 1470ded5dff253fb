//! One sorting routine for the whole engine.
//!
//! Every `sort_by` call site instantiates the standard library's sort for
//! its own element and closure types, each a few kilobytes of WebAssembly.
//! Sorting positions through one comparator object keeps a single copy.

use std::cmp::Ordering;

/// The positions `0..len` ordered by `compare` (not stable: equal positions
/// may come in any order, so callers compare completely).
pub fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|a, b| compare(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_positions_by_the_comparator() {
        let values = [30, 10, 20, 10];
        let order = sorted_positions(values.len(), &|a, b| values[a].cmp(&values[b]).then(a.cmp(&b)));
        assert_eq!(order, vec![1, 3, 2, 0]);
        assert!(sorted_positions(0, &|a, b| a.cmp(&b)).is_empty());
    }
}
