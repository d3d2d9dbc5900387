//! Screen states and their pure `update` functions: keys become actions, actions change
//! state, and nothing here draws or touches files.

pub mod summary;
