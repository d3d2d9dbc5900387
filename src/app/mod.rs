//! The app: state, the `Action`s that change it, and a pure `update`.
//!
//! Keys become `Action` values (`keys`), `update` changes state and returns `Effect`s
//! without doing any I/O, and `crate::runtime` performs the effects (saving, loading)
//! and feeds their results back as actions. The whole workshop can be driven in tests.

pub mod action;
pub mod editor;
pub mod keys;
pub mod setup;
pub mod state;
pub mod summary;
pub mod update;

pub use action::{Action, Effect, NewSession};
pub use state::{ActiveSession, App, Library, Mode, Screen, SessionEntry};
pub use update::update;
