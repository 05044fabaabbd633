//! Buffers kept from one document to the next: the stages keep their vectors on each
//! thread rather than allocate them again for every document.

/// An empty vector with the allocation of `v`, for elements of another lifetime (the
/// standard library collects in place where the layouts match), so that a vector of
/// borrowing elements can be kept between documents.
pub(crate) fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

/// Spare strings a thread keeps for the next records' fields.
pub(crate) const KEPT_STRINGS: usize = 256;

/// Mentions a thread always keeps room for between documents (see [`keeps`]).
pub(crate) const KEPT_MENTIONS: usize = 1 << 12;

/// Whether a thread keeps, for its next document, a buffer that the document just read
/// filled to `len` of its `capacity`: a `small` one always, a larger one while documents
/// still fill a quarter of it. A run of long documents then reuses its buffers instead
/// of growing them from nothing for each one (copying them as they double, and the
/// system handing out fresh pages), and the first short document after them gives the
/// memory back.
pub(crate) fn keeps(len: usize, capacity: usize, small: usize) -> bool {
    capacity <= small || len >= capacity / 4
}

/// `value` written into one of the `spare` strings if there is one.
pub(crate) fn string_from(spare: &mut Vec<String>, value: &str) -> String {
    let mut s = spare.pop().unwrap_or_default();
    s.clear();
    s.push_str(value);
    s
}

/// Sets an optional string, reusing the one there, else one of `spare`; a string no
/// longer needed goes to `spare` (up to [`KEPT_STRINGS`]).
#[inline]
pub(crate) fn set_option(slot: &mut Option<String>, value: Option<&str>, spare: &mut Vec<String>) {
    match (slot.as_mut(), value) {
        (Some(s), Some(v)) => {
            s.clear();
            s.push_str(v);
        }
        (None, None) => {}
        _ => swap_option(slot, value, spare),
    }
}

/// [`set_option`] when the string is to appear (a spare one taken) or go (kept as a
/// spare).
#[inline(never)]
fn swap_option(slot: &mut Option<String>, value: Option<&str>, spare: &mut Vec<String>) {
    match value {
        Some(v) => *slot = Some(string_from(spare, v)),
        None => {
            if let Some(s) = slot.take() {
                if spare.len() < KEPT_STRINGS {
                    spare.push(s);
                }
            }
        }
    }
}

/// Sets a list of strings to `values`, reusing the strings it holds, else those of
/// `spare`; strings no longer needed go to `spare` (up to [`KEPT_STRINGS`]).
pub(crate) fn set_strings(list: &mut Vec<String>, values: &[&str], spare: &mut Vec<String>) {
    if list.len() > values.len() {
        let room = KEPT_STRINGS.saturating_sub(spare.len());
        spare.extend(list.drain(values.len()..).take(room));
    }
    for (k, v) in values.iter().enumerate() {
        match list.get_mut(k) {
            Some(s) => {
                s.clear();
                s.push_str(v);
            }
            None => list.push(string_from(spare, v)),
        }
    }
}
