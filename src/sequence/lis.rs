//! Longest increasing subsequence, the test of which matches are in order and which have moved.

/// Positions (into `values`) of one longest strictly increasing subsequence, in order. Deterministic:
/// among equally long ones it keeps the one patience sorting finds. O(n log n).
pub(crate) fn longest_increasing(values: &[usize]) -> Vec<usize> {
    // tails[k]: position of the smallest value ending an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; values.len()];
    for (position, &value) in values.iter().enumerate() {
        let k = tails.partition_point(|&t| values[t] < value);
        previous[position] = k.checked_sub(1).map(|p| tails[p]);
        if k == tails.len() {
            tails.push(position);
        } else {
            tails[k] = position;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(position) = at {
        out.push(position);
        at = previous[position];
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_longest_run() {
        let values = [0, 1, 7, 2, 3, 4];
        let got: Vec<usize> = longest_increasing(&values)
            .into_iter()
            .map(|p| values[p])
            .collect();
        assert_eq!(got, [0, 1, 2, 3, 4]);
    }

    #[test]
    fn empty_and_decreasing() {
        assert!(longest_increasing(&[]).is_empty());
        assert_eq!(longest_increasing(&[3, 2, 1]).len(), 1);
    }
}
