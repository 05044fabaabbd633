//! Document-wide lists put in text order in linear time. Records gathered actor by actor
//! (each actor's mentions in text order) are bucketed by sentence, then each sentence's
//! few are sorted: a plain sort of every mention of a long document costs `n log n`.
//! Searches in such lists made in text order walk on with a [`Cursor`].

use std::cell::Cell;

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
    count_into_buckets(items, sentences, sentence, room, counts);
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

/// Sorts `items` by `key` as a stable sort would, in time linear in the items when they
/// already come grouped by `group` in key order (events by sentence, quotes by start):
/// each run of equal groups is sorted on its own, the runs staying where they are. Items
/// that do not come so are then sorted whole, with the same result (a stable sort's order
/// depends only on the order of items with equal keys, which sorting the runs keeps).
pub(crate) fn sort_within_runs<T, G: PartialEq, K: Ord>(
    items: &mut [T],
    group: impl Fn(&T) -> G,
    key: impl Fn(&T) -> K,
) {
    let mut start = 0;
    while let Some(first) = items.get(start) {
        let g = group(first);
        let end = start + 1 + items[start + 1..].iter().take_while(|item| group(item) == g).count();
        items[start..end].sort_by_key(&key);
        start = end;
    }
    if !items.is_sorted_by_key(&key) {
        items.sort_by_key(key);
    }
}

/// Sorts `items` by `key` as a stable sort would, in time linear in the items and the
/// `buckets`: a counting sort (which keeps the order of equal items) by `bucket` of an
/// item, below `buckets`, then a stable sort of each bucket's few. The buckets must come in
/// key order (a block of text holding a span's start, for a key that is the start); should
/// they not, a stable sort of the whole, as the items came, gives the result. `room` and
/// `counts` are scratch space, left empty.
pub(crate) fn sort_stable_by_bucket<T: Copy, K: Ord>(
    items: &mut [T],
    buckets: usize,
    bucket: impl Fn(&T) -> usize,
    key: impl Fn(&T) -> K,
    room: &mut Vec<T>,
    counts: &mut Vec<usize>,
) {
    if items.len() <= SMALL || items.iter().any(|item| bucket(item) >= buckets) {
        items.sort_by_key(key);
        return;
    }
    count_into_buckets(items, buckets, bucket, room, counts);
    let mut start = 0;
    for &end in &counts[..buckets] {
        items[start..end].sort_by_key(&key);
        start = end;
    }
    if !items.is_sorted_by_key(&key) {
        // Buckets against the keys may have changed the order of equal items: the whole
        // is sorted from the order it came in.
        items.copy_from_slice(room);
        items.sort_by_key(key);
    }
    room.clear();
    counts.clear();
}

/// Puts `items` in order of their `bucket` (each below `buckets`), keeping the order of
/// the items of one bucket: a counting sort. Afterwards `room` holds the items as they
/// came, and bucket `b`'s items end at `counts[b]` and start at `counts[b - 1]` (or 0).
fn count_into_buckets<T: Copy>(
    items: &mut [T],
    buckets: usize,
    bucket: impl Fn(&T) -> usize,
    room: &mut Vec<T>,
    counts: &mut Vec<usize>,
) {
    // Where each bucket's items start, then (as they are moved one by one) end.
    counts.clear();
    counts.resize(buckets + 1, 0);
    for item in items.iter() {
        counts[bucket(item) + 1] += 1;
    }
    for b in 1..counts.len() {
        counts[b] += counts[b - 1];
    }
    room.clear();
    room.extend_from_slice(items);
    for item in room.iter() {
        let at = &mut counts[bucket(item)];
        items[*at] = *item;
        *at += 1;
    }
}

/// A place in a sorted list, kept from one search to the next: [`Cursor::partition_point`]
/// answers as the slice method of that name does, but gallops from its previous answer.
/// Searches made in text order then cost a few steps each however long the list, where a
/// binary search costs `log n` steps, most of them cache misses in a long document.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cursor {
    at: Cell<usize>,
}

impl Cursor {
    /// The index of the first item of `items` for which `pred` is false, `pred` being true
    /// for a prefix of `items` and false for the rest (as for `slice::partition_point`).
    /// Costs `log d` steps, `d` the distance from the previous answer.
    #[inline]
    pub(crate) fn partition_point<T>(&self, items: &[T], pred: impl Fn(&T) -> bool) -> usize {
        let at = self.at.get().min(items.len());
        // The answer lies in `lo..=hi`: steps of 1, 2, 4, ... from `at` find such a range.
        let (mut lo, mut hi) = (0, items.len());
        let mut step = 1;
        if items.get(at).is_some_and(&pred) {
            lo = at + 1;
            while let Some(item) = items.get(at + step) {
                if !pred(item) {
                    hi = at + step;
                    break;
                }
                lo = at + step + 1;
                step *= 2;
            }
        } else {
            hi = at;
            while let Some(probe) = at.checked_sub(step) {
                if pred(&items[probe]) {
                    lo = probe + 1;
                    break;
                }
                hi = probe;
                step *= 2;
            }
        }
        // Most searches move by one item or none: the range is then empty.
        let found = if lo < hi { lo + items[lo..hi].partition_point(pred) } else { lo };
        self.at.set(found);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records `(group, key, original position)` with many equal keys, in runs by group
    /// (or not), and bucketed by a block of their key (or not): both sorts leave them as a
    /// stable sort by key does.
    #[test]
    fn linear_sorts_agree_with_a_stable_sort() {
        let mut seed = 11u64;
        let mut next = move |bound: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % bound
        };
        for n in [0, 3, SMALL, SMALL + 1, 300, 2000] {
            // Runs by group, keys of a group within its range, with ties.
            let mut items: Vec<(usize, usize, usize)> = Vec::new();
            for i in 0..n {
                let g = i / 7;
                items.push((g, g * 10 + next(4), i));
            }
            // Some out of their group's place (a late item of an earlier group).
            if n > 10 {
                let late = (2, 20 + next(4), n);
                items.push(late);
            }
            let mut stable = items.clone();
            stable.sort_by_key(|it| it.1);
            let mut runs = items.clone();
            sort_within_runs(&mut runs, |it| it.0, |it| it.1);
            assert_eq!(runs, stable, "{n} items in runs");
            let (mut room, mut counts) = (Vec::new(), Vec::new());
            let buckets = n / 7 + 1;
            let mut bucketed = items.clone();
            let by_block = |it: &(usize, usize, usize)| it.1 / 10;
            sort_stable_by_bucket(
                &mut bucketed,
                buckets,
                by_block,
                |it| it.1,
                &mut room,
                &mut counts,
            );
            assert_eq!(bucketed, stable, "{n} items by block");
            // Buckets that disagree with the keys, and one past the count given.
            let mut shuffled = items.clone();
            let wrong = |it: &(usize, usize, usize)| it.2 % buckets;
            sort_stable_by_bucket(&mut shuffled, buckets, wrong, |it| it.1, &mut room, &mut counts);
            assert_eq!(shuffled, stable, "{n} items, buckets against keys");
            let mut past = items.clone();
            let beyond = |it: &(usize, usize, usize)| it.1;
            sort_stable_by_bucket(&mut past, buckets, beyond, |it| it.1, &mut room, &mut counts);
            assert_eq!(past, stable, "{n} items, buckets past the count");
        }
    }

    /// The cursor answers as a binary search for lists with runs of equal items, queries
    /// ascending, descending and jumping, and queries past either end.
    #[test]
    fn cursor_agrees_with_binary_search() {
        let mut seed = 7u64;
        let mut next = move |bound: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % bound
        };
        for n in [0, 1, 2, 3, 10, 100, 1000] {
            let mut items: Vec<u64> = (0..n).map(|_| next(2 * n as u64 + 1)).collect();
            items.sort_unstable();
            let max = 2 * n as u64 + 3;
            let ascending: Vec<u64> = (0..=max).collect();
            let descending: Vec<u64> = (0..=max).rev().collect();
            let jumping: Vec<u64> = (0..200).map(|_| next(max + 1)).collect();
            let near: Vec<u64> = (0..200).map(|i| (i / 2 + next(3)).min(max)).collect();
            for queries in [ascending, descending, jumping, near] {
                let cursor = Cursor::default();
                for &x in &queries {
                    let plain = items.partition_point(|&v| v < x);
                    assert_eq!(cursor.partition_point(&items, |&v| v < x), plain, "{n} {x}");
                    let plain = items.partition_point(|&v| v <= x);
                    assert_eq!(cursor.partition_point(&items, |&v| v <= x), plain, "{n} {x}");
                }
            }
            // A cursor left past the end of a longer list, then asked about this one.
            let cursor = Cursor::default();
            cursor.at.set(n + 5);
            assert_eq!(
                cursor.partition_point(&items, |&v| v < 1),
                items.partition_point(|&v| v < 1)
            );
        }
    }

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
}
