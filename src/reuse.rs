//! Buffers kept from one document to the next: the stages keep their vectors on each
//! thread rather than allocate them again for every document.

/// An empty vector with the allocation of `v`, for elements of another lifetime (the
/// standard library collects in place where the layouts match), so that a vector of
/// borrowing elements can be kept between documents.
pub(crate) fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}
