//! A reused analysis reuses its buffers: once a thread has read a document, reading it
//! again allocates little (the stages keep their vectors on the thread and write over
//! the previous document's actors, quotes and events). Over the news corpus the whole
//! pipeline makes about 3.5 allocations per article; what is left are mostly the
//! strings of accusation records and of event codes a modal recodes, of which the
//! bundled article has many (8 accusations).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use newsextract::{Analysis, Document, Extractor, Stage};

/// The system allocator, counting the allocations and reallocations of each thread (the
/// other tests of the binary run on threads of their own).
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

fn count() {
    // (Not while the thread's locals are torn down: then nothing is counted.)
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is passed on unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        count();
        unsafe { System.realloc(ptr, layout, size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

#[test]
fn a_reused_analysis_allocates_little() {
    let text = include_str!("../examples/data/article.txt");
    let published = jiff::civil::date(2025, 3, 19);
    let doc = Document::new(text).with_published(published);
    for (stage, most) in [(Stage::Actors, 0), (Stage::Events, 45)] {
        let extractor = Extractor::builder().last_stage(stage).build().unwrap();
        let mut analysis = Analysis::default();
        extractor.extract_into(doc, &mut analysis);
        let records = analysis.actors.len() + analysis.events.len();
        let before = allocations();
        for _ in 0..10 {
            extractor.extract_into(doc, &mut analysis);
        }
        let per_document = (allocations() - before) / 10;
        assert!(per_document <= most, "{stage:?}: {per_document} allocations per document");
        assert_eq!(analysis.actors.len() + analysis.events.len(), records);
    }
}

#[test]
fn a_run_of_long_documents_reuses_its_buffers() {
    // Long enough for the document-wide lists of the actor, date and quote stages
    // (thousands of mentions, quote cues and speakers) to pass the room every thread
    // keeps whatever the documents.
    let copies = 100;
    let text = include_str!("../examples/data/article.txt").repeat(copies);
    let doc = Document::new(&text).with_published(jiff::civil::date(2025, 3, 19));
    for (stage, most) in [(Stage::Dates, 10), (Stage::Quotes, 2 * copies)] {
        let extractor = Extractor::builder().last_stage(stage).build().unwrap();
        let mut analysis = Analysis::default();
        extractor.extract_into(doc, &mut analysis);
        let mentions: usize = analysis.actors.iter().map(|a| a.mentions.len()).sum();
        assert!(mentions > 5_000, "{mentions} mentions");
        let before = allocations();
        extractor.extract_into(doc, &mut analysis);
        let again = allocations() - before;
        assert!(again <= most, "{stage:?}: {again} allocations for the same long document again");
    }
}
