//! Screens: one file each, rendering from state. Nothing here changes state or does I/O.

pub mod conflicts;
pub mod help;
pub mod home;
pub mod overview;
pub mod people;
pub mod presenter;
pub mod question;
pub mod review;
pub mod room;
pub mod setup;
pub mod summary;
pub mod theme;

pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};

use crate::app::{App, Screen};
use theme::Theme;

pub use crate::app::state::{MIN_HEIGHT, MIN_WIDTH};

/// Draw the whole app. Called once per frame from the run loop (and by snapshot tests).
pub fn view(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        widgets::too_small(frame, area, theme);
        return;
    }
    let hints = crate::app::keys::hints(app);
    let hint_height = widgets::hint_bar_height(&hints, area.width);
    let shared = &app.shared;
    let warning_height = u16::from(
        shared.read_only.is_some() || (shared.save.error.is_some() && shared.open.is_some()),
    ) * 2;
    let status_height = widgets::status_height(app, area.width);
    let [title, body, status, warning, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(status_height),
        Constraint::Length(warning_height),
        Constraint::Length(hint_height),
    ])
    .areas(area);
    widgets::title_bar(frame, title, app, theme);
    match &app.screen {
        Screen::Home(state) => home::render(frame, body, state, shared, theme),
        Screen::Setup(form) => setup::render(frame, body, form, shared, theme),
        Screen::Question(state) => question::render(frame, body, state, shared, theme),
        Screen::Review(state) => review::render(frame, body, state, shared, theme),
        Screen::Summary(state) => summary::render(frame, body, state, theme),
        Screen::Conflicts(state) => conflicts::render(frame, body, state, shared, theme),
        Screen::Overview(state) => overview::render(frame, body, state, theme),
    }
    widgets::status_line(frame, status, app, theme);
    if let Some(read_only) = &shared.read_only {
        widgets::read_only_banner(frame, warning, read_only, &shared.sessions_dir, theme);
    } else if warning_height > 0 {
        widgets::save_warning(frame, warning, app, theme);
    }
    widgets::hint_bar(frame, hint, &hints, theme);
    if app.show_help {
        help::render(frame, area, app, theme);
    }
}
