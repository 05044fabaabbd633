//! Table tests for the quote stage.
