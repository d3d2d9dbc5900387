//! The summary screen's state and its one pure `update`: keys become [`SummaryAction`]s,
//! actions change [`SummaryState`], and the screen is drawn from the state alone.

use ratatui::crossterm::event::KeyCode;

use super::effect::{Effect, Go};
use super::keytable::{Binding, KeyTable, Keys};
use super::shared::Shared;
use crate::domain::compare::{
    self, CarryForward, Comparison, Filter, SortOrder, carry_forward, same_group, sets_of_group,
};
use crate::domain::session::Session;
use crate::domain::wrap_step;

/// What the lower panel shows under the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    /// The mean score per session as a chart, and what was carried forward.
    #[default]
    Trend,
    /// Two sessions side by side: deltas in the matrix, notes for the selected question here.
    Compare,
    /// Files that could not be read.
    Problems,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryAction {
    NextRow,
    PrevRow,
    FirstRow,
    LastRow,
    CycleSort,
    CycleGroup,
    CycleSet,
    /// Move session A (or B) of the comparison one session later, wrapping round.
    NextA,
    PrevA,
    NextB,
    PrevB,
    ToggleCompare,
    CyclePanel,
    /// Write the comparison on screen as an HTML report beside the sessions folder.
    Export,
    /// Back to Home.
    Back,
    /// PgDn / PgUp: see more of the carried-forward panel.
    ScrollCarried(i8),
}

#[derive(Debug, Clone)]
pub struct SummaryState {
    pub sessions: Vec<Session>,
    /// Files that could not be read, one line each: shown, never dropped silently.
    pub problems: Vec<String>,
    /// Groups with sessions, most recent first, and the one shown.
    pub groups: Vec<String>,
    pub group: usize,
    /// Question sets the shown group used, most recent first, and the one shown.
    pub sets: Vec<String>,
    pub set: usize,
    pub comparison: Comparison,
    pub sort: SortOrder,
    /// Row indices of `comparison.rows` in display order.
    pub order: Vec<usize>,
    /// Position in `order` of the selected question.
    pub selected: usize,
    /// Session columns picked for the side-by-side: A (earlier) and B (later).
    pub compare_a: usize,
    pub compare_b: usize,
    pub panel: Panel,
    pub carry_forward: Option<CarryForward>,
    /// How far the carried-forward panel is scrolled (PgDn / PgUp), in items.
    pub carried_scroll: usize,
    /// The overview this summary was drilled into from, as it was left (filters, sort,
    /// selection): `q` goes back to it rather than to Home.
    pub back_to: Option<Box<super::overview::OverviewState>>,
}

impl SummaryState {
    /// Open on what the filter asks for; by default the group and set of the most recently
    /// updated session.
    /// `groups` are every group there is to switch to (most recent first); empty: the
    /// groups of `sessions`, which may hold one group's sessions only.
    pub fn new(
        sessions: Vec<Session>,
        groups: Vec<String>,
        problems: Vec<String>,
        filter: &Filter,
    ) -> SummaryState {
        let groups = if groups.is_empty() {
            compare::groups(&sessions)
        } else {
            groups
        };
        let resolved = filter.resolve(&sessions);
        let (group_name, set_id) = resolved.clone().unwrap_or_default();
        let group = groups
            .iter()
            .position(|g| same_group(g, &group_name))
            .unwrap_or(0);
        let sets = groups
            .get(group)
            .map(|g| sets_of_group(&sessions, g))
            .unwrap_or_default();
        let set = sets.iter().position(|s| *s == set_id).unwrap_or(0);
        let mut state = SummaryState {
            comparison: Comparison::build(&sessions, filter),
            sessions,
            problems,
            groups,
            group,
            sets,
            set,
            sort: SortOrder::Question,
            order: Vec::new(),
            selected: 0,
            compare_a: 0,
            compare_b: 0,
            panel: Panel::Trend,
            carry_forward: None,
            carried_scroll: 0,
            back_to: None,
        };
        if resolved.is_some() {
            state.rebuild();
        } else if !state.problems.is_empty() {
            // Nothing to compare: the comparison stays empty but names what was asked for,
            // and the unreadable files may be why.
            state.panel = Panel::Problems;
        }
        state
    }

    /// Recompute the comparison after the group or set changed.
    fn rebuild(&mut self) {
        let filter = Filter {
            group: self.groups.get(self.group).cloned(),
            set: self.sets.get(self.set).cloned(),
        };
        self.comparison = Comparison::build(&self.sessions, &filter);
        self.carry_forward = filter
            .group
            .as_deref()
            .and_then(|g| carry_forward(&self.sessions, g))
            .filter(|cf| !cf.is_empty());
        self.order = self.comparison.sorted_rows(self.sort);
        self.selected = 0;
        let n = self.comparison.sessions.len();
        self.compare_a = 0;
        self.compare_b = n.saturating_sub(1);
    }

    /// Index into `comparison.rows` of the selected question.
    pub fn selected_row(&self) -> Option<usize> {
        self.order.get(self.selected).copied()
    }

    /// The group `g` switches to, when none of its sessions has been read yet.
    fn next_group_unread(&self) -> Option<String> {
        let next = self
            .groups
            .get((self.group + 1) % self.groups.len().max(1))?;
        (!self.sessions.iter().any(|s| same_group(&s.group, next))).then(|| next.clone())
    }

    pub fn group_name(&self) -> Option<&str> {
        self.groups.get(self.group).map(String::as_str)
    }
}

/// Apply one action as the app does: leaving and exporting are asked of the app, the rest
/// changes the screen's state.
pub fn on_action(
    state: &mut SummaryState,
    shared: &mut Shared,
    action: SummaryAction,
    effects: &mut Vec<Effect>,
) -> Option<Go> {
    match action {
        SummaryAction::Back => return Some(Go::Back),
        SummaryAction::Export => effects.push(Effect::ExportSummary),
        // A key that cannot do anything says why, rather than nothing happening.
        SummaryAction::CycleGroup if state.groups.len() <= 1 => {
            shared.say("Only one group has sessions here: g switches between groups");
        }
        SummaryAction::CycleSet if state.sets.len() <= 1 => {
            shared.say("This group used one question set: f switches between sets");
        }
        SummaryAction::ScrollCarried(step) => {
            let n = state
                .carry_forward
                .as_ref()
                .map_or(0, |c| c.actions.len() + c.revisits.len());
            state.carried_scroll = if step > 0 {
                (state.carried_scroll + 3).min(n.saturating_sub(1))
            } else {
                state.carried_scroll.saturating_sub(3)
            };
        }
        SummaryAction::CycleGroup => match state.next_group_unread() {
            // Only the group shown was read in full: read the next one's files.
            Some(next) => effects.push(Effect::OpenSummary(Filter {
                group: Some(next),
                set: None,
            })),
            None => update(state, action),
        },
        _ => update(state, action),
    }
    None
}

/// Apply one action. Pure: no I/O, never panics whatever the state.
pub fn update(state: &mut SummaryState, action: SummaryAction) {
    let rows = state.order.len();
    let cols = state.comparison.sessions.len();
    let step = |i: usize, n: usize, forward: bool| wrap_step(i, n, if forward { 1 } else { -1 });
    match action {
        SummaryAction::NextRow => state.selected = (state.selected + 1).min(rows.saturating_sub(1)),
        SummaryAction::PrevRow => state.selected = state.selected.saturating_sub(1),
        SummaryAction::FirstRow => state.selected = 0,
        SummaryAction::LastRow => state.selected = rows.saturating_sub(1),
        SummaryAction::CycleSort => {
            let keep = state.selected_row();
            state.sort = state.sort.next();
            state.order = state.comparison.sorted_rows(state.sort);
            // The same question stays selected, wherever it moved to.
            state.selected = keep
                .and_then(|r| state.order.iter().position(|&o| o == r))
                .unwrap_or(0);
        }
        SummaryAction::CycleGroup => {
            if state.groups.len() > 1 {
                state.group = step(state.group, state.groups.len(), true);
                state.sets = sets_of_group(&state.sessions, &state.groups[state.group]);
                state.set = 0;
                state.rebuild();
            }
        }
        SummaryAction::CycleSet => {
            if state.sets.len() > 1 {
                state.set = step(state.set, state.sets.len(), true);
                state.rebuild();
            }
        }
        SummaryAction::NextA => state.compare_a = step(state.compare_a, cols, true),
        SummaryAction::PrevA => state.compare_a = step(state.compare_a, cols, false),
        SummaryAction::NextB => state.compare_b = step(state.compare_b, cols, true),
        SummaryAction::PrevB => state.compare_b = step(state.compare_b, cols, false),
        SummaryAction::ToggleCompare => {
            state.panel = if state.panel == Panel::Compare {
                Panel::Trend
            } else {
                Panel::Compare
            }
        }
        SummaryAction::CyclePanel => {
            state.panel = match state.panel {
                Panel::Trend => Panel::Compare,
                Panel::Compare if !state.problems.is_empty() => Panel::Problems,
                Panel::Compare | Panel::Problems => Panel::Trend,
            }
        }
        SummaryAction::Export | SummaryAction::Back | SummaryAction::ScrollCarried(_) => {}
    }
}

/// The summary's keys.
pub const KEYS: KeyTable<SummaryAction> = &[
    Binding {
        keys: Keys::Codes(&[KeyCode::Up, KeyCode::Char('k')]),
        label: "↑ k",
        hint: Some(("↑↓", "question")),
        help: "select the question above",
        action: |_| SummaryAction::PrevRow,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Down, KeyCode::Char('j')]),
        label: "↓ j",
        hint: None,
        help: "select the question below",
        action: |_| SummaryAction::NextRow,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Home]),
        label: "Home",
        hint: None,
        help: "first question",
        action: |_| SummaryAction::FirstRow,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::End]),
        label: "End",
        hint: None,
        help: "last question",
        action: |_| SummaryAction::LastRow,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('s')]),
        label: "s",
        hint: Some(("s", "sort")),
        help: "sort: question order, lowest now, biggest rise, biggest fall, most disagreement",
        action: |_| SummaryAction::CycleSort,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('c')]),
        label: "c",
        hint: Some(("c", "compare")),
        help: "two sessions side by side (A and B)",
        action: |_| SummaryAction::ToggleCompare,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('a')]),
        label: "a",
        hint: Some(("a/A", "session A")),
        help: "session A: one later",
        action: |_| SummaryAction::NextA,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('A')]),
        label: "A",
        hint: None,
        help: "session A: one earlier",
        action: |_| SummaryAction::PrevA,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('b')]),
        label: "b",
        hint: Some(("b/B", "session B")),
        help: "session B: one later",
        action: |_| SummaryAction::NextB,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('B')]),
        label: "B",
        hint: None,
        help: "session B: one earlier",
        action: |_| SummaryAction::PrevB,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('g')]),
        label: "g",
        hint: Some(("g", "group")),
        help: "show the next group",
        action: |_| SummaryAction::CycleGroup,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('f')]),
        label: "f",
        hint: Some(("f", "question set")),
        help: "show the group's next question set",
        action: |_| SummaryAction::CycleSet,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::PageDown]),
        label: "PgDn",
        hint: None,
        help: "see more of what was carried forward (… N more)",
        action: |_| SummaryAction::ScrollCarried(1),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::PageUp]),
        label: "PgUp",
        hint: None,
        help: "back up what was carried forward",
        action: |_| SummaryAction::ScrollCarried(-1),
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Tab]),
        label: "Tab",
        hint: Some(("Tab", "panel")),
        help: "lower panel: trend, comparison, unreadable files",
        action: |_| SummaryAction::CyclePanel,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('x')]),
        label: "x",
        hint: Some(("x", "export")),
        help: "write this comparison as an HTML report beside the sessions folder",
        action: |_| SummaryAction::Export,
    },
    Binding {
        keys: Keys::Codes(&[KeyCode::Char('q'), KeyCode::Esc]),
        label: "q / Esc",
        hint: Some(("q", "back")),
        help: "back to the overview when you came from it, else to Home",
        action: |_| SummaryAction::Back,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::compare::example_year;

    fn year() -> SummaryState {
        SummaryState::new(example_year(), Vec::new(), Vec::new(), &Filter::default())
    }

    #[test]
    fn opens_on_the_latest_group_comparing_first_and_last() {
        let s = year();
        assert_eq!(s.group_name(), Some("Northbridge Place Partnership"));
        assert_eq!(s.sets, ["localising-decisions"]);
        assert_eq!((s.compare_a, s.compare_b), (0, 3));
        assert_eq!(s.selected_row(), Some(0));
        let cf = s.carry_forward.as_ref().unwrap();
        assert_eq!((cf.actions.len(), cf.revisits.len()), (7, 3));
    }

    #[test]
    fn sorting_keeps_the_selected_question() {
        let mut s = year();
        update(&mut s, SummaryAction::NextRow);
        update(&mut s, SummaryAction::NextRow);
        assert_eq!(s.selected_row(), Some(2)); // agreed-levels
        update(&mut s, SummaryAction::CycleSort); // lowest now: [5, 7, 0, 3, 6, 9, 1, 2, 4, 8]
        assert_eq!(s.sort, SortOrder::LowestNow);
        assert_eq!(s.selected, 7);
        assert_eq!(s.selected_row(), Some(2));
        update(&mut s, SummaryAction::FirstRow);
        assert_eq!(s.selected_row(), Some(5)); // space-for-relationships is lowest now
    }

    #[test]
    fn rows_stop_at_the_ends() {
        let mut s = year();
        update(&mut s, SummaryAction::PrevRow);
        assert_eq!(s.selected, 0);
        update(&mut s, SummaryAction::LastRow);
        update(&mut s, SummaryAction::NextRow);
        assert_eq!(s.selected, 9);
    }

    #[test]
    fn compare_sessions_wrap_round() {
        let mut s = year();
        update(&mut s, SummaryAction::PrevA);
        assert_eq!(s.compare_a, 3);
        update(&mut s, SummaryAction::NextB);
        assert_eq!(s.compare_b, 0);
        update(&mut s, SummaryAction::ToggleCompare);
        assert_eq!(s.panel, Panel::Compare);
        update(&mut s, SummaryAction::CyclePanel);
        assert_eq!(s.panel, Panel::Trend, "no problems panel without problems");
    }

    #[test]
    fn groups_cycle_and_rebuild() {
        let mut sessions = example_year();
        let mut other = sessions[0].clone();
        other.id = uuid::Uuid::from_u128(9);
        other.group = "Eastfield Neighbourhood Forum".into();
        sessions.push(other);
        let mut s = SummaryState::new(
            sessions,
            Vec::new(),
            vec!["x.ron:1:1: bad".into()],
            &Filter::default(),
        );
        assert_eq!(s.group_name(), Some("Northbridge Place Partnership"));
        update(&mut s, SummaryAction::CycleGroup);
        assert_eq!(s.group_name(), Some("Eastfield Neighbourhood Forum"));
        assert_eq!(s.comparison.sessions.len(), 1);
        assert_eq!((s.compare_a, s.compare_b), (0, 0));
        // January left one action open: Gareth's list of sign-offs.
        let cf = s.carry_forward.as_ref().unwrap();
        assert_eq!(cf.actions.len(), 1);
        assert_eq!(cf.actions[0].action.owner, "Gareth Hughes");
        update(&mut s, SummaryAction::CycleSet);
        assert_eq!(s.set, 0);
        update(&mut s, SummaryAction::CyclePanel);
        update(&mut s, SummaryAction::CyclePanel);
        assert_eq!(s.panel, Panel::Problems);
    }

    #[test]
    fn every_action_is_safe_on_nothing() {
        let mut s = SummaryState::new(Vec::new(), Vec::new(), Vec::new(), &Filter::default());
        let all = [
            SummaryAction::NextRow,
            SummaryAction::PrevRow,
            SummaryAction::FirstRow,
            SummaryAction::LastRow,
            SummaryAction::CycleSort,
            SummaryAction::CycleGroup,
            SummaryAction::CycleSet,
            SummaryAction::NextA,
            SummaryAction::PrevA,
            SummaryAction::NextB,
            SummaryAction::PrevB,
            SummaryAction::ToggleCompare,
            SummaryAction::CyclePanel,
        ];
        for a in all {
            update(&mut s, a);
        }
        assert_eq!((s.selected, s.compare_a, s.compare_b), (0, 0, 0));
        assert_eq!(s.selected_row(), None);
    }

    #[test]
    fn keys_map_to_actions() {
        use ratatui::crossterm::event::{KeyEvent, KeyModifiers};
        let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let action = |code| crate::app::keytable::action_for(KEYS, key(code));
        assert_eq!(action(KeyCode::Down), Some(SummaryAction::NextRow));
        assert_eq!(action(KeyCode::Char('s')), Some(SummaryAction::CycleSort));
        assert_eq!(action(KeyCode::Char('B')), Some(SummaryAction::PrevB));
        assert_eq!(action(KeyCode::Esc), Some(SummaryAction::Back));
        assert_eq!(action(KeyCode::Char('z')), None);
    }
}
