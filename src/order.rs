//! Document-wide lists put in text order, and searched in it, in linear time. Records
//! gathered actor by actor (each actor's mentions in text order) are bucketed by
//! sentence, then each sentence's few are sorted: a plain sort of every mention of a
//! long document costs `n log n`. Points looked up one after another, mostly forward,
//! are found from a cursor rather than by a binary search over the whole document.

/// Below this many items a plain sort is as quick as bucketing.
const SMALL: usize = 64;

/// Sorts `items` by `key`, a total order under which the items of an earlier sentence
/// (`sentence` of an item, below `sentences`) come first. Linear in the items and the
/// sentences: a counting sort by sentence, then a sort of each sentence's items;
/// `room` and `counts` are scratch space, left as they are found apart from capacity.
pub(crate) fn sort_by_sentence<T: Copy, K: Ord>(
    items: &mut [T],
    sentences: usize,
    sentence: impl Fn(&T) -> usize,
    key: impl Fn(&T) -> K,
    room: &mut Vec<T>,
    counts: &mut Vec<usize>,
) {
    if items.len() <= SMALL || items.iter().any(|item| sentence(item) >= sentences) {
        items.sort_unstable_by_key(key);
        return;
    }
    // Where each sentence's items start in `room`, then (moved one by one) end.
    counts.clear();
    counts.resize(sentences + 1, 0);
    for item in items.iter() {
        counts[sentence(item) + 1] += 1;
    }
    for s in 1..counts.len() {
        counts[s] += counts[s - 1];
    }
    room.clear();
    room.extend_from_slice(items);
    for item in room.iter() {
        let at = &mut counts[sentence(item)];
        items[*at] = *item;
        *at += 1;
    }
    // Sentence `s`'s items now end at `counts[s]` and start at `counts[s - 1]` (or 0).
    let mut start = 0;
    for &end in &counts[..sentences] {
        items[start..end].sort_unstable_by_key(&key);
        start = end;
    }
    // The order of sentences and keys agree for mentions (a mention lies in its
    // sentence); should they not, a plain sort keeps the result the same.
    if !items.is_sorted_by_key(&key) {
        items.sort_unstable_by_key(key);
    }
    room.clear();
    counts.clear();
}

/// [`slice::partition_point`] of `pred` over `items`, found from `cursor` (the point
/// last found, updated): a step or two forward for a point a little after the last one,
/// a binary search otherwise.
pub(crate) fn partition_from<T>(
    items: &[T],
    cursor: &mut usize,
    pred: impl Fn(&T) -> bool,
) -> usize {
    let mut at = (*cursor).min(items.len());
    if at > 0 && !pred(&items[at - 1]) {
        at = items[..at].partition_point(&pred);
    } else {
        let mut steps = 0;
        while at < items.len() && pred(&items[at]) {
            at += 1;
            steps += 1;
            if steps == 4 {
                at += items[at..].partition_point(&pred);
                break;
            }
        }
    }
    *cursor = at;
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records `(sentence, start, actor)` gathered actor by actor, sorted as a plain sort
    /// would, for lists below and above the size where bucketing starts, and for keys
    /// that disagree with the sentence order.
    #[test]
    fn bucketing_by_sentence_sorts_as_a_plain_sort() {
        for n in [0, 5, SMALL, SMALL + 1, 500] {
            // Actor `a`'s mentions are at every seventh place from `a`, in text order.
            let mut items: Vec<(usize, usize, usize)> = (0..7)
                .flat_map(|a| (a..n).step_by(7).map(move |start| (start / 10, start, a)))
                .collect();
            let mut sorted = items.clone();
            sorted.sort_unstable();
            let (mut room, mut counts) = (Vec::new(), Vec::new());
            let sentences = n / 10 + 1;
            sort_by_sentence(&mut items, sentences, |m| m.0, |m| *m, &mut room, &mut counts);
            assert_eq!(items, sorted, "{n} items");
            // Keys against the sentence order, and a sentence past the count given
            // (pairs, with room of their own).
            let mut room = Vec::new();
            let mut reversed: Vec<(usize, usize)> = (0..n).map(|i| (i / 10, n - i)).collect();
            let mut sorted = reversed.clone();
            sorted.sort_unstable_by_key(|m| m.1);
            sort_by_sentence(&mut reversed, sentences, |m| m.0, |m| m.1, &mut room, &mut counts);
            assert_eq!(reversed, sorted, "{n} items, keys against sentences");
            let mut past: Vec<(usize, usize)> = (0..n).map(|i| (i / 10, i)).collect();
            past.push((sentences, n));
            past.rotate_right(1);
            let mut sorted = past.clone();
            sorted.sort_unstable_by_key(|m| m.1);
            sort_by_sentence(&mut past, sentences, |m| m.0, |m| m.1, &mut room, &mut counts);
            assert_eq!(past, sorted, "{n} items, one past the sentences");
        }
    }

    /// Windows found from a cursor agree with binary searches, whichever way the
    /// points move.
    #[test]
    fn partitions_from_a_cursor_agree_with_binary_search() {
        let items: Vec<usize> = (0..40).map(|i| i / 3).collect();
        let mut cursor = 0;
        for x in [0, 1, 1, 2, 5, 9, 13, 20, 3, 0, 7, 8, 8, 14] {
            let want = items.partition_point(|&v| v < x);
            assert_eq!(partition_from(&items, &mut cursor, |&v| v < x), want, "{x}");
        }
    }
}
