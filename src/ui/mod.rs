//! Screens: one file each, rendering from state. Nothing here changes state or does I/O.

pub mod help;
pub mod home;
pub mod question;
pub mod review;
pub mod setup;
pub mod summary;
pub mod theme;

pub mod widgets;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use crate::app::{App, Screen};
use theme::Theme;

/// The smallest terminal the screens are designed for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draw the whole app. Called once per frame from the run loop (and by snapshot tests).
pub fn view(frame: &mut Frame, app: &App, theme: Theme) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        widgets::too_small(frame, area, theme);
        return;
    }
    let hints = crate::app::keys::hints(app);
    let hint_height = widgets::hint_bar_height(&hints, area.width);
    let warning_height = u16::from(app.save.error.is_some() && app.active.is_some()) * 2;
    let [title, body, status, warning, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
        Constraint::Length(warning_height),
        Constraint::Length(hint_height),
    ])
    .areas(area);
    widgets::title_bar(frame, title, app, theme);
    match app.screen {
        Screen::Home => home::render(frame, body, app, theme),
        Screen::Setup => setup::render(frame, body, app, theme),
        Screen::Question => question::render(frame, body, app, theme),
        Screen::Review => review::render(frame, body, app, theme),
        Screen::Summary => match app.summary.as_ref() {
            Some(state) => summary::render(frame, body, state, theme),
            None => widgets::placeholder(frame, body, "Summary", theme),
        },
    }
    widgets::status_line(frame, status, app, theme);
    if warning_height > 0 {
        widgets::save_warning(frame, warning, app, theme);
    }
    widgets::hint_bar(frame, hint, &hints, theme);
    if app.show_help {
        help::render(frame, body_with_margin(area), app, theme);
    }
}

fn body_with_margin(area: Rect) -> Rect {
    area.inner(ratatui::layout::Margin::new(2, 1))
}
