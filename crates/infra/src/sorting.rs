//! One sorting routine for the whole engine.
//!
//! Every `sort_by` call site instantiates the standard library's sort for
//! its own element and closure types, each a few kilobytes of WebAssembly.
//! Sorting positions through one comparator object keeps a single copy, and
//! that copy is a heapsort of a few hundred bytes rather than the standard
//! library's pattern-defeating quicksort (2.9 kB in the browser module):
//! O(n log n) at worst, so no input can make it slow, and the lists sorted
//! are short (an object's members, a form's issues).

use std::cmp::Ordering;

/// The positions `0..len` ordered by `compare` (not stable: equal positions
/// may come in any order, so callers compare completely).
pub fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    // Build a max-heap, then move its top to the end, one by one.
    for start in (0..len / 2).rev() {
        sift_down(&mut order, start, len, compare);
    }
    for end in (1..len).rev() {
        order.swap(0, end);
        sift_down(&mut order, 0, end, compare);
    }
    order
}

/// Restores the heap property below `root` in `heap[..end]`.
fn sift_down(heap: &mut [usize], mut root: usize, end: usize, compare: &dyn Fn(usize, usize) -> Ordering) {
    let at = |heap: &[usize], i: usize| heap.get(i).copied().unwrap_or_default();
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && compare(at(heap, child), at(heap, child + 1)) == Ordering::Less {
            child += 1;
        }
        if compare(at(heap, root), at(heap, child)) != Ordering::Less {
            return;
        }
        heap.swap(root, child);
        root = child;
    }
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
        assert_eq!(sorted_positions(1, &|a, b| a.cmp(&b)), vec![0]);
    }

    #[test]
    fn orders_like_the_standard_sort_for_every_length_and_pattern() {
        for len in 0..70usize {
            for pattern in 0..4u64 {
                let values: Vec<u64> = (0..len as u64)
                    .map(|i| match pattern {
                        0 => i,
                        1 => 1000 - i,
                        2 => (i * 7919 + 13) % 17,
                        _ => i % 3,
                    })
                    .collect();
                let mut expected: Vec<usize> = (0..len).collect();
                expected.sort_by(|a, b| values[*a].cmp(&values[*b]).then(a.cmp(b)));
                let order = sorted_positions(len, &|a, b| values[a].cmp(&values[b]).then(a.cmp(&b)));
                assert_eq!(order, expected, "length {len}, pattern {pattern}");
            }
        }
    }
}
