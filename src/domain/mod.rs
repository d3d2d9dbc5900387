//! The facilitator's world: question sets, sessions, votes and statistics.
//!
//! Nothing here knows about terminals or files: the UI and the store both build on
//! these types, so a whole workshop can be run and checked in plain Rust.

pub mod compare;
pub mod diff;
pub mod digest;
pub mod overview;
pub mod question_set;
pub mod ron_format;
pub mod session;
pub mod stats;

pub use question_set::{Question, QuestionSet, Scale, ScalePoint, Source};
pub use session::{
    ActionItem, Level, MeanScore, NewSession, Participants, Session, SessionError, SessionQuestion,
    SessionSetup, SetSnapshot, Status, Vote,
};
