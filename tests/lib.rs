//! The integration test binary: one link for every test module.

mod cli;
mod hostile;
mod properties;
