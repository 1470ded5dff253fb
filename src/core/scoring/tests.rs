use super::*;

#[test]
fn strength_rounds_half_up() {
    // 90·100·850·850·1000 / 10^9 = 6502.5 → 6503
    assert_eq!(strength(90, 850, 850, 1000), 6503);
    // 60·100·650·650·700 / 10^9 = 1774.5 → 1775
    assert_eq!(strength(60, 650, 650, 700), 1775);
    assert_eq!(strength(100, 1000, 1000, 1000), 10_000);
    assert_eq!(strength(1, 0, 1000, 1000), 0);
}

#[test]
fn noisy_or_folds_largest_first() {
    assert_eq!(noisy_or(&mut [1775, 6503]), 7124);
    assert_eq!(noisy_or(&mut []), 0);
    assert_eq!(noisy_or(&mut [10_000, 5]), 10_000);
    assert_eq!(noisy_or(&mut [5000, 5000]), 7500);
}
