//! The app: each screen's state, actions, pure update and key table, and what they share.
//!
//! Keys become `Action` values through the screen's key table (`keys`), `update` changes
//! state and returns `Effect`s without doing any I/O, and `crate::runtime` performs the
//! effects (saving, loading) and feeds their results back as actions. The whole workshop can
//! be driven in tests, key by key.
//!
//! One screen is one file here (`home`, `setup`, `question`, `review`, `summary`) and one in
//! `crate::ui`. The arrows go one way: screens use `shared`, `effect`, `keytable` and
//! `editor`; `action`, `state`, `update` and `keys` put the screens together.

pub mod action;
pub mod conflicts;
pub mod due;
pub mod editor;
pub mod effect;
pub mod home;
pub mod keys;
pub mod keytable;
pub mod overview;
pub mod people;
pub mod presenter;
pub mod question;
pub mod read_only;
pub mod review;
pub mod room;
pub mod setup;
pub mod shared;
pub mod state;
pub mod summary;
pub mod update;

pub use action::Action;
pub use effect::{Effect, Go};
pub use shared::{Library, OpenSession, ReadOnly, SaveStatus, SessionEntry, Shared};
pub use state::{App, Screen, ScreenKind};
pub use update::update;
