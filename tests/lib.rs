//! The integration test binary: one link for every test module.

mod cli;
mod examples;
mod hostile;
mod properties;
mod schema;
