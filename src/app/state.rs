//! The app's state: the screen showing, with its own state, and what every screen shares.

use std::path::PathBuf;

use jiff::Timestamp;

use crate::domain::QuestionSet;

use super::conflicts::ConflictsState;
use super::home::HomeState;
use super::overview::OverviewState;
use super::question::QuestionState;
use super::review::ReviewState;
use super::setup::SetupForm;
use super::shared::{Library, SaveStatus, Shared};
use super::summary::SummaryState;

/// The screen showing, carrying its own state: adding a screen is one variant, one
/// `app/` file and one `ui/` file.
#[derive(Debug, Clone)]
pub enum Screen {
    Home(HomeState),
    Setup(Box<SetupForm>),
    Question(Box<QuestionState>),
    Review(Box<ReviewState>),
    Summary(Box<SummaryState>),
    Conflicts(Box<ConflictsState>),
    Overview(Box<OverviewState>),
}

/// Which screen is showing, without its state: for tests and titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScreenKind {
    Home,
    Setup,
    Question,
    Review,
    Summary,
    Conflicts,
    Overview,
}

impl Screen {
    pub fn kind(&self) -> ScreenKind {
        match self {
            Screen::Home(_) => ScreenKind::Home,
            Screen::Setup(_) => ScreenKind::Setup,
            Screen::Question(_) => ScreenKind::Question,
            Screen::Review(_) => ScreenKind::Review,
            Screen::Summary(_) => ScreenKind::Summary,
            Screen::Conflicts(_) => ScreenKind::Conflicts,
            Screen::Overview(_) => ScreenKind::Overview,
        }
    }
}

#[derive(Debug, Clone)]
pub struct App {
    pub screen: Screen,
    /// The `?` overlay is open over the screen.
    pub show_help: bool,
    /// How many keys the `?` overlay has scrolled past (PgDn), when it is taller than the
    /// window.
    pub help_scroll: usize,
    pub shared: Shared,
    /// The terminal's size as last reported (`None` before the first report). Below
    /// [`MIN_WIDTH`]×[`MIN_HEIGHT`] the screen asks for a larger window, and keys that change
    /// data are ignored: nothing may change out of sight.
    pub size: Option<(u16, u16)>,
}

/// The smallest terminal the screens are drawn for; below it they ask for a larger window.
/// 70×20 leaves room for the compact question layout (80×23 is an 80×24 terminal with a
/// tmux status line).
pub const MIN_WIDTH: u16 = 70;
pub const MIN_HEIGHT: u16 = 20;

impl App {
    /// A fresh app on Home. Times show in UTC until the caller sets `shared.time_zone` (the
    /// terminal app sets the system's; tests keep UTC so screens are the same on every machine).
    pub fn new(sets: Vec<QuestionSet>, sessions_dir: PathBuf, now: Timestamp) -> App {
        App {
            screen: Screen::Home(HomeState::default()),
            show_help: false,
            help_scroll: 0,
            size: None,
            shared: Shared {
                library: Library::default(),
                sets,
                open: None,
                save: SaveStatus::default(),
                now,
                message: None,
                quitting: false,
                quit_armed: false,
                sessions_dir,
                time_zone: jiff::tz::TimeZone::UTC,
                read_only: None,
            },
        }
    }

    pub fn kind(&self) -> ScreenKind {
        self.screen.kind()
    }

    /// The terminal is too small to show the screen: only quitting and help act.
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// True while typing goes into a text field rather than being commands.
    pub fn is_typing(&self) -> bool {
        match &self.screen {
            Screen::Setup(_) => true,
            Screen::Question(q) => q.is_typing(),
            Screen::Review(r) => r.is_typing(),
            Screen::Home(h) => matches!(h.mode, super::home::HomeMode::Renaming { .. }),
            Screen::Summary(_) | Screen::Conflicts(_) | Screen::Overview(_) => false,
        }
    }
}
