//! Screens: one file each, rendering from state. Nothing here changes state or does I/O.

pub mod summary;
pub mod theme;
