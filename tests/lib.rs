//! The integration test binary: one link for every test module.

mod allocations;
mod cli;
mod examples;
mod hostile;
mod pipeline;
mod properties;
mod schema;
