//! Roundtable: an offline terminal app for running reflective workshops.
//!
//! Layers, arrows one way: `ui` and `app` use `domain`; `store` and `report` use `domain`;
//! `domain` uses nothing of ours. Only the run loop (`tui`) touches the terminal, only
//! `runtime` performs effects, and only `store` touches the sessions directory.
//! `tests/arrows.rs` fails on an import against these arrows, or on a circle.

pub mod app;
pub mod cli;
pub mod domain;
pub mod report;
pub mod runtime;
pub mod store;
pub mod tui;
pub mod ui;
